/**
 * Datasets and data loading for nanograd.
 *
 * - Readers for the original file formats, pure functions over `Uint8Array` that run in browsers:
 *   {@link readIdx} / {@link parseIdx} (MNIST, Fashion-MNIST; gzip detected by its magic bytes),
 *   {@link parseCifar10} (CIFAR-10 binary batches), {@link untar} (ustar archives), {@link parseText},
 *   {@link gunzip}. Malformed input raises {@link FormatError}, and no reader allocates more than the
 *   file size implies.
 * - Map-style datasets ({@link Dataset}, {@link TensorDataset}, {@link Subset}, {@link randomSplit},
 *   {@link trainValidationSplit}) and a {@link DataLoader} with seeded shuffling and batch transforms
 *   ({@link normalize}, {@link toOneHot}, {@link randomCrop}, {@link randomHorizontalFlip}).
 * - {@link CharTokenizer} for character-level language models.
 *
 * Loaders that read and download the standard datasets live in the Node entry `@nanograd/data/node`.
 *
 * @packageDocumentation
 */
export type { TensorData } from './tensor-data';
export type { IdxType, IdxArray } from './parse-idx';
export { parseIdx, FormatError } from './parse-idx';
export { gunzip, isGzip } from './gunzip';
export { readIdx } from './read-idx';
export type { Cifar10Batch } from './parse-cifar10';
export { parseCifar10 } from './parse-cifar10';
export type { TarEntry } from './untar';
export { untar } from './untar';
export { parseText } from './parse-text';
export type { FromUint8Options } from './from-uint8';
export { fromUint8 } from './from-uint8';
export type { Dataset, Sample } from './dataset';
export { TensorDataset } from './tensor-dataset';
export { Subset } from './subset';
export type { SplitOptions } from './random-split';
export { randomSplit } from './random-split';
export type { TrainValidationSplit } from './train-validation-split';
export { trainValidationSplit } from './train-validation-split';
export type { DataLoaderOptions } from './data-loader';
export { DataLoader } from './data-loader';
export type { Transform } from './transform';
export type { NormalizeOptions } from './normalize';
export { normalize } from './normalize';
export { toOneHot } from './to-one-hot';
export type { RandomCropOptions } from './random-crop';
export { randomCrop } from './random-crop';
export type { RandomHorizontalFlipOptions } from './random-horizontal-flip';
export { randomHorizontalFlip } from './random-horizontal-flip';
export { CharTokenizer, TokenizerError } from './char-tokenizer';

// Training.
export type { Metric } from './trainer/accuracy';
export { accuracy } from './trainer/accuracy';
export type { BatchInfo, EpochLogs, TrainBeginInfo, Callback } from './trainer/callback';
export type { StepRecord, History } from './trainer/history';
export type { SavedTensor, Checkpoint, CheckpointStore, MemoryCheckpointStore } from './trainer/checkpoint';
export { memoryCheckpoints, saveTensors, restoreTensors } from './trainer/checkpoint';
export type { TrainableModel, TrainerOptimizer, TrainerScheduler, Batches, EpochSource, TrainerOptions, CheckpointOptions, FitOptions } from './trainer/trainer';
export { Trainer } from './trainer/trainer';
