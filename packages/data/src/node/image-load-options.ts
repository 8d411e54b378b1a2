import type { TensorData } from '../tensor-data';
import type { LoadOptions } from './load-options';

/**
 * Options of the image dataset loaders ({@link loadMnist}, {@link loadFashionMnist}, {@link loadCifar10}).
 *
 * @example
 * ```ts
 * import type { ImageLoadOptions } from '@nanograd/data/node';
 * const options: ImageLoadOptions = { channels: true }; // MNIST images as [N, 1, 28, 28]
 * ```
 * @category Datasets
 */
export interface ImageLoadOptions extends LoadOptions {
  /** Give single-channel images an explicit channel axis: [N, 1, H, W] instead of [N, H, W] (default `false`). */
  readonly channels?: boolean;
  /** Flatten each image to one row: [N, C·H·W] (default `false`; wins over `channels`). */
  readonly flatten?: boolean;
  /** Divide pixels by 255 so they lie in [0, 1] (default `true`); otherwise floats 0..255. */
  readonly scale?: boolean;
}

/**
 * The raw bytes of one split, as stored in the original files.
 *
 * @example
 * ```ts
 * import type { RawImages } from '@nanograd/data/node';
 * const raw: RawImages = { images: new Uint8Array(784), labels: new Uint8Array([5]), imageShape: [1, 28, 28] };
 * ```
 * @category Datasets
 */
export interface RawImages {
  /** Pixels 0..255, row-major in the shape `imageShape`. */
  readonly images: Uint8Array;
  /** Class indices. */
  readonly labels: Uint8Array;
  /** [N, 28, 28] for (Fashion-)MNIST, [N, 3, 32, 32] for CIFAR-10. */
  readonly imageShape: readonly number[];
}

/**
 * One split (train or test) of an image classification dataset. Wrap it for a `DataLoader` with
 * `new TensorDataset(split.images, split.labels)`.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@nanograd/data/node';
 * const { test } = await loadMnist();
 * test.images.shape; // [10000, 28, 28]
 * test.labels.dtype; // 'i32'
 * ```
 * @category Datasets
 */
export interface ImageSplit {
  /** Images as `f32`, shaped per {@link ImageLoadOptions}. */
  readonly images: TensorData;
  /** Class indices as `i32`, shape [N]. */
  readonly labels: TensorData;
  /** The original bytes. */
  readonly raw: RawImages;
}

/**
 * An image classification dataset: its train and test splits and the class names.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@nanograd/data/node';
 * const mnist = await loadMnist();
 * mnist.classes[0]; // '0'
 * mnist.train.images.shape; // [60000, 28, 28]
 * ```
 * @category Datasets
 */
export interface ImageDataset {
  /** The training split. */
  readonly train: ImageSplit;
  /** The test split. */
  readonly test: ImageSplit;
  /** Class names, indexed by label. */
  readonly classes: readonly string[];
}
