import { ShapeError } from '@nanograd/kernels';
import type { Transform } from './transform';
import { allocate } from './internal/tensor-data-utils';

/**
 * Options of {@link randomCrop}.
 *
 * @example
 * ```ts
 * import type { RandomCropOptions } from '@nanograd/data';
 * const cifar: RandomCropOptions = { padding: 4 };
 * ```
 * @category Transforms
 */
export interface RandomCropOptions {
  /** Zeros added on every side of the image before cropping (default 0). */
  readonly padding?: number;
}

/**
 * Creates a transform that zero-pads each image and crops a random `size` window from it, a fresh
 * window per sample, like torchvision's `RandomCrop`. Works on [B, H, W] and [B, C, H, W] batches.
 *
 * @param size - Output height and width: one number for a square, or `[height, width]`.
 * @param options - `padding`.
 * @returns The transform; it throws ShapeError (from `@nanograd/kernels`) when the padded image is smaller than `size`.
 * @throws RangeError If `size` or `padding` is not a non-negative integer.
 *
 * @example
 * ```ts
 * import { randomCrop } from '@nanograd/data';
 * import { Random } from '@nanograd/kernels';
 * const images = { data: new Float32Array(2 * 3 * 32 * 32), shape: [2, 3, 32, 32], dtype: 'f32' as const };
 * randomCrop(32, { padding: 4 })(images, new Random(0)).shape; // [2, 3, 32, 32]
 * ```
 * @category Transforms
 */
export function randomCrop(size: number | readonly [number, number], options: RandomCropOptions = {}): Transform {
  const [height, width] = typeof size === 'number' ? [size, size] : size;
  const padding = options.padding ?? 0;
  for (const value of [height, width, padding]) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`randomCrop: size and padding must be non-negative integers (got size ${String(size)}, padding ${padding})`);
    }
  }
  return (batch, random) => {
    const rank = batch.shape.length;
    if (rank !== 3 && rank !== 4) {
      throw new ShapeError(`randomCrop: expected a [B, H, W] or [B, C, H, W] batch, got [${batch.shape.join(', ')}]`);
    }
    const inHeight = batch.shape[rank - 2] ?? 0;
    const inWidth = batch.shape[rank - 1] ?? 0;
    if (inHeight + 2 * padding < height || inWidth + 2 * padding < width) {
      throw new ShapeError(`randomCrop: crop ${height}x${width} is larger than the padded ${inHeight + 2 * padding}x${inWidth + 2 * padding} image`);
    }
    const count = batch.shape[0] ?? 0;
    const channels = rank === 4 ? (batch.shape[1] ?? 1) : 1;
    const out = allocate(batch.dtype, count * channels * height * width);
    for (let n = 0; n < count; n++) {
      // Offsets of the window's top-left corner in unpadded coordinates (may be negative: inside the padding).
      const top = random.integer(inHeight + 2 * padding - height + 1) - padding;
      const left = random.integer(inWidth + 2 * padding - width + 1) - padding;
      for (let c = 0; c < channels; c++) {
        const plane = (n * channels + c) * inHeight * inWidth;
        const outPlane = (n * channels + c) * height * width;
        for (let y = 0; y < height; y++) {
          const sourceY = top + y;
          if (sourceY < 0 || sourceY >= inHeight) continue;
          for (let x = 0; x < width; x++) {
            const sourceX = left + x;
            if (sourceX >= 0 && sourceX < inWidth) out[outPlane + y * width + x] = batch.data[plane + sourceY * inWidth + sourceX] ?? 0;
          }
        }
      }
    }
    const shape = rank === 4 ? [count, channels, height, width] : [count, height, width];
    return { data: out, shape, dtype: batch.dtype };
  };
}
