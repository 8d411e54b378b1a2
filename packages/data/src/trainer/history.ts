import type { EpochLogs } from './callback';

/**
 * One recorded optimisation step.
 *
 * @example
 * ```ts
 * import type { StepRecord } from '@nanograd/data';
 * const record: StepRecord = { step: 1, epoch: 0, loss: 2.3, learningRate: 0.001 };
 * ```
 * @category Training
 */
export interface StepRecord {
  /** Steps taken, this one included. */
  readonly step: number;
  /** Epoch of the step. */
  readonly epoch: number;
  /** The batch loss. */
  readonly loss: number;
  /** The learning rate used. */
  readonly learningRate: number;
}

/**
 * What a training run recorded: every step's loss and learning rate, and each epoch's averages. It is plain
 * JSON and travels inside checkpoints, so a resumed run continues the same history.
 *
 * @example
 * ```ts
 * import type { History } from '@nanograd/data';
 * const empty: History = { steps: [], epochs: [] };
 * ```
 * @category Training
 */
export interface History {
  /** One record per optimisation step. */
  readonly steps: StepRecord[];
  /** One record per finished epoch. */
  readonly epochs: EpochLogs[];
}
