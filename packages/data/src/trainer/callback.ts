// What a Trainer tells its callbacks, and when.
import type { History } from './history';

/**
 * The state after one optimisation step, handed to {@link Callback.onBatchEnd}.
 *
 * @example
 * ```ts
 * import type { BatchInfo } from '@nanograd/data';
 * const log = (info: BatchInfo): string => `step ${info.step}: loss ${info.loss.toFixed(3)}`;
 * ```
 * @category Training
 */
export interface BatchInfo {
  /** Optimisation steps taken so far, this one included. */
  readonly step: number;
  /** The current epoch, from 0. */
  readonly epoch: number;
  /** Number of epochs the run was asked for. */
  readonly epochs: number;
  /** This batch's index in its epoch, from 0. */
  readonly batch: number;
  /** Batches per epoch. */
  readonly batches: number;
  /** Samples in this batch. */
  readonly batchSize: number;
  /** The batch's loss. */
  readonly loss: number;
  /** The learning rate used for this step. */
  readonly learningRate: number;
  /** Training throughput over this step, samples per second. */
  readonly samplesPerSecond: number;
}

/**
 * Averages over an epoch: `loss` and every metric for the training batches, and `validationLoss` /
 * `validation<Metric>` when a validation set was given.
 *
 * @example
 * ```ts
 * import type { EpochLogs } from '@nanograd/data';
 * const logs: EpochLogs = { epoch: 0, seconds: 12.5, train: { loss: 0.31, accuracy: 0.91 }, validation: { loss: 0.2, accuracy: 0.94 } };
 * ```
 * @category Training
 */
export interface EpochLogs {
  /** The epoch, from 0. */
  readonly epoch: number;
  /** Wall time of the epoch's training and validation, seconds. */
  readonly seconds: number;
  /** Training averages (weighted by batch size): `loss` and each metric. */
  readonly train: Readonly<Record<string, number>>;
  /** Validation averages, when a validation set was given. */
  readonly validation?: Readonly<Record<string, number>>;
}

/**
 * What {@link Callback.onTrainBegin} is told.
 *
 * @example
 * ```ts
 * import type { TrainBeginInfo } from '@nanograd/data';
 * const info: TrainBeginInfo = { epochs: 3, batches: 469, step: 0 };
 * ```
 * @category Training
 */
export interface TrainBeginInfo {
  /** Number of epochs of the run. */
  readonly epochs: number;
  /** Batches per epoch (NaN when the batches do not say). */
  readonly batches: number;
  /** Steps already taken (non-zero after a resume). */
  readonly step: number;
}

/**
 * Hooks a Trainer calls during `fit` (Keras callbacks); every hook is optional and may be async.
 *
 * @example
 * ```ts
 * import type { Callback } from '@nanograd/data';
 * const printer: Callback = { onEpochEnd: (logs) => console.log(`epoch ${logs.epoch}: ${logs.train.loss}`) };
 * ```
 * @category Training
 */
export interface Callback {
  /** Before the first step (after a resume has been applied). */
  onTrainBegin?(info: TrainBeginInfo): void | Promise<void>;
  /** At the start of each epoch. */
  onEpochBegin?(epoch: number): void | Promise<void>;
  /** After each optimisation step. */
  onBatchEnd?(info: BatchInfo): void | Promise<void>;
  /** After each epoch, with its averages. */
  onEpochEnd?(logs: EpochLogs): void | Promise<void>;
  /** After the last step, with the run's history. */
  onTrainEnd?(history: History): void | Promise<void>;
}
