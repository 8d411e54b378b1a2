import { fromUint8 } from '../../from-uint8';
import type { ImageLoadOptions, ImageSplit } from '../image-load-options';

/** Builds an {@link ImageSplit} from raw bytes; `imageShape` is [N, C, H, W] or [N, H, W]. */
export function imageSplit(images: Uint8Array, labels: Uint8Array, imageShape: readonly number[], options: ImageLoadOptions): ImageSplit {
  const count = imageShape[0] ?? 0;
  let shape = [...imageShape];
  if (options.flatten === true) shape = [count, images.length / Math.max(count, 1)];
  else if (options.channels === true && imageShape.length === 3) shape = [count, 1, ...imageShape.slice(1)];
  return {
    images: fromUint8(images, shape, { scale: options.scale ?? true }),
    labels: fromUint8(labels, [count], { dtype: 'i32' }),
    raw: { images, labels, imageShape },
  };
}
