/**
 * Node entry of `@nanograd/data`: loaders for MNIST, Fashion-MNIST, CIFAR-10 and tiny-shakespeare that
 * read the original files from a data directory and download missing ones with SHA-256 verification.
 *
 * The data directory is the `dataDir` option, else the environment variable `NANOGRAD_DATA`, else
 * `$XDG_CACHE_HOME/nanograd` or `~/.cache/nanograd`; it holds `mnist/`, `fashion-mnist/`, `cifar10/` and
 * `tinyshakespeare/` with the files under their original names.
 *
 * @packageDocumentation
 */
export { loadMnist } from './load-mnist';
export { loadFashionMnist } from './load-fashion-mnist';
export { loadCifar10 } from './load-cifar10';
export type { TextCorpus } from './load-tiny-shakespeare';
export { loadTinyShakespeare } from './load-tiny-shakespeare';
export type { LoadOptions, DownloadProgress } from './load-options';
export type { ImageLoadOptions, ImageSplit, ImageDataset, RawImages } from './image-load-options';
export type { MnistLoadOptions } from './mnist-load-options';
export { resolveDataDir } from './resolve-data-dir';
export type { FileSource, DatasetName } from './sources';
export { DATASET_SOURCES } from './sources';
export { ChecksumError } from './checksum-error';
export { DownloadError } from './download-error';

// Training helpers for Node: a terminal progress bar and checkpoint files.
export type { ProgressBarOptions } from './progress-bar';
export { progressBar } from './progress-bar';
export type { FileCheckpointOptions } from './file-checkpoints';
export { fileCheckpoints, latestCheckpoint } from './file-checkpoints';
