import { gunzip } from '../gunzip';
import { parseCifar10 } from '../parse-cifar10';
import { FormatError } from '../parse-idx';
import { parseText } from '../parse-text';
import { untar, type TarEntry } from '../untar';
import type { ImageDataset, ImageLoadOptions } from './image-load-options';
import { ensureFile } from './internal/ensure-file';
import { imageSplit } from './internal/image-split';

const ARCHIVE = 'cifar-10-binary.tar.gz';
const FOLDER = 'cifar-10-batches-bin';
const CLASSES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

function concatBatches(entries: ReadonlyMap<string, TarEntry>, names: readonly string[]): { images: Uint8Array; labels: Uint8Array; count: number } {
  const batches = names.map((name) => {
    const entry = entries.get(`${FOLDER}/${name}`);
    if (entry === undefined) throw new FormatError(`loadCifar10: ${ARCHIVE} lacks ${FOLDER}/${name}`);
    return parseCifar10(entry.data);
  });
  const count = batches.reduce((total, batch) => total + batch.count, 0);
  const images = new Uint8Array(count * 3072);
  const labels = new Uint8Array(count);
  let offset = 0;
  for (const batch of batches) {
    images.set(batch.images, offset * 3072);
    labels.set(batch.labels, offset);
    offset += batch.count;
  }
  return { images, labels, count };
}

/**
 * Loads CIFAR-10 (60,000 32×32 colour images in 10 classes: 50,000 train, 10,000 test) from the binary
 * version `cifar-10-binary.tar.gz`, looked up in `<dataDir>/cifar10/` or downloaded from
 * https://www.cs.toronto.edu/~kriz/ and SHA-256 verified. The archive is read in memory, not extracted.
 *
 * @param options - Data directory, download and shape options (`channels` is implied).
 * @returns Train (`data_batch_1..5.bin`) and test (`test_batch.bin`) splits: images `f32` [N, 3, 32, 32]
 * in [0, 1], labels `i32` [N]; and the class names.
 * @throws {@link ChecksumError} If the archive on disk is corrupt.
 * @throws {@link DownloadError} If the archive is missing and cannot be downloaded.
 * @throws FormatError (from `@nanograd/data`) If the archive or a batch inside is malformed or missing.
 *
 * @example
 * ```ts
 * import { loadCifar10 } from '@nanograd/data/node';
 * // The first call downloads the 170 MB archive into the data directory.
 * async function cifarShape(): Promise<readonly number[]> {
 *   const cifar = await loadCifar10();
 *   return cifar.test.images.shape; // [10000, 3, 32, 32]
 * }
 * ```
 * @category Datasets
 */
export async function loadCifar10(options: ImageLoadOptions = {}): Promise<ImageDataset> {
  const archive = await ensureFile('loadCifar10', 'cifar10', ARCHIVE, options);
  const entries = new Map(untar(await gunzip(archive)).map((entry) => [entry.name.replace(/^\.\//, ''), entry]));
  const train = concatBatches(entries, ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin']);
  const test = concatBatches(entries, ['test_batch.bin']);
  const meta = entries.get(`${FOLDER}/batches.meta.txt`);
  const names = meta === undefined ? [] : parseText(meta.data).split(/\s+/).filter((name) => name !== '');
  return {
    train: imageSplit(train.images, train.labels, [train.count, 3, 32, 32], options),
    test: imageSplit(test.images, test.labels, [test.count, 3, 32, 32], options),
    classes: names.length === 10 ? names : CLASSES,
  };
}
