/**
 * Where one dataset file comes from: mirrors tried in order, and the SHA-256 every copy must have.
 *
 * @example
 * ```ts
 * import type { FileSource } from '@nanograd/data/node';
 * const source: FileSource = {
 *   urls: ['https://example.org/input.txt'],
 *   sha256: '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
 * };
 * ```
 * @category Datasets
 */
export interface FileSource {
  /** Download URLs, tried in order until one succeeds. */
  readonly urls: readonly string[];
  /** Lower-case hex SHA-256 of the file. */
  readonly sha256: string;
  /** Size in bytes, when known: downloads larger than this are aborted. */
  readonly size?: number;
}

/**
 * Names of the supported datasets, which are also their sub-directories of the data directory.
 *
 * @example
 * ```ts
 * import type { DatasetName } from '@nanograd/data/node';
 * const name: DatasetName = 'fashion-mnist';
 * ```
 * @category Datasets
 */
export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar10' | 'tinyshakespeare';

const MNIST_MIRRORS = ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'http://yann.lecun.com/exdb/mnist/'];
const FASHION_MIRRORS = ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'];

function mirrored(mirrors: readonly string[], name: string, sha256: string, size: number): FileSource {
  return { urls: mirrors.map((mirror) => mirror + name), sha256, size };
}

/**
 * The canonical file of every dataset, by dataset and file name.
 *
 * SHA-256 sources: MNIST — the hashes pinned by nixpkgs for the publisher's files (identical to
 * TensorFlow Datasets'); Fashion-MNIST and CIFAR-10 — TensorFlow Datasets' `url_checksums`
 * (`fashion_mnist.txt`, `cifar10.txt`); tiny-shakespeare — the file in karpathy/char-rnn.
 *
 * @example
 * ```ts
 * import { DATASET_SOURCES } from '@nanograd/data/node';
 * DATASET_SOURCES.cifar10['cifar-10-binary.tar.gz']?.urls[0];
 * // 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz'
 * ```
 * @category Datasets
 */
export const DATASET_SOURCES: Readonly<Record<DatasetName, Readonly<Record<string, FileSource>>>> = {
  mnist: {
    'train-images-idx3-ubyte.gz': mirrored(MNIST_MIRRORS, 'train-images-idx3-ubyte.gz', '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', 9_912_422),
    'train-labels-idx1-ubyte.gz': mirrored(MNIST_MIRRORS, 'train-labels-idx1-ubyte.gz', '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', 28_881),
    't10k-images-idx3-ubyte.gz': mirrored(MNIST_MIRRORS, 't10k-images-idx3-ubyte.gz', '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', 1_648_877),
    't10k-labels-idx1-ubyte.gz': mirrored(MNIST_MIRRORS, 't10k-labels-idx1-ubyte.gz', 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', 4_542),
  },
  'fashion-mnist': {
    'train-images-idx3-ubyte.gz': mirrored(FASHION_MIRRORS, 'train-images-idx3-ubyte.gz', '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', 26_421_880),
    'train-labels-idx1-ubyte.gz': mirrored(FASHION_MIRRORS, 'train-labels-idx1-ubyte.gz', 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', 29_515),
    't10k-images-idx3-ubyte.gz': mirrored(FASHION_MIRRORS, 't10k-images-idx3-ubyte.gz', '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', 4_422_102),
    't10k-labels-idx1-ubyte.gz': mirrored(FASHION_MIRRORS, 't10k-labels-idx1-ubyte.gz', '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', 5_148),
  },
  cifar10: {
    'cifar-10-binary.tar.gz': {
      urls: ['https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz'],
      sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
      size: 170_052_171,
    },
  },
  tinyshakespeare: {
    'input.txt': {
      urls: ['https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt'],
      sha256: '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
      size: 1_115_394,
    },
  },
};
