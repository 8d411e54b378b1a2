import type { ImageDataset, ImageLoadOptions } from './image-load-options';
import { loadIdxDataset } from './internal/load-idx-dataset';

const CLASSES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/**
 * Loads Fashion-MNIST (Zalando's 28×28 clothing images, a drop-in replacement for MNIST: 60,000 train
 * and 10,000 test images in 10 classes).
 *
 * Files are looked up in `<dataDir>/fashion-mnist/` under their original names, else downloaded from
 * http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ and SHA-256 verified.
 *
 * @param options - Data directory, download and shape options.
 * @returns Train and test splits (images `f32` [N, 28, 28] in [0, 1], labels `i32` [N]) and class names.
 * @throws {@link ChecksumError} If a file on disk is corrupt.
 * @throws {@link DownloadError} If a file is missing and cannot be downloaded.
 * @throws FormatError (from `@nanograd/data`) If a file is not a valid IDX file.
 *
 * @example
 * ```ts
 * import { loadFashionMnist } from '@nanograd/data/node';
 * // The first call downloads about 30 MB into the data directory.
 * async function describeFashionMnist(): Promise<string> {
 *   const { train, classes } = await loadFashionMnist({ flatten: true });
 *   return `${train.images.shape.join('x')} images of ${classes.join(', ')}`; // '60000x784 images of T-shirt/top, …'
 * }
 * ```
 * @category Datasets
 */
export async function loadFashionMnist(options: ImageLoadOptions = {}): Promise<ImageDataset> {
  return loadIdxDataset('loadFashionMnist', 'fashion-mnist', CLASSES, options, false);
}
