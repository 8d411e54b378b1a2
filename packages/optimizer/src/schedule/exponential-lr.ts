// ExponentialLR: the learning rate times gamma every step.
import { checkNonNegativeNumber } from '../internal/check-schedule';
import { exponentialDecay } from './curves';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link ExponentialLR}.
 *
 * @example
 * ```ts
 * import type { ExponentialLROptions } from '@nanograd/optimizer';
 * const options: ExponentialLROptions = { gamma: 0.95 };
 * ```
 * @category Schedule
 */
export interface ExponentialLROptions {
  /** Factor applied every step. */
  readonly gamma: number;
}

/**
 * Multiplies each group's base rate by `gamma` every step: `lr = base · γᵗ` (PyTorch `ExponentialLR`).
 *
 * @example
 * ```ts
 * import { ExponentialLR, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.5 });
 * scheduler.step();
 * optimizer.getLearningRate(); // 0.5
 * ```
 * @category Schedule
 */
export class ExponentialLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `gamma`.
   * @throws RangeError If `gamma` is negative or not finite.
   */
  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    checkNonNegativeNumber('ExponentialLR', 'gamma', options.gamma);
    super(optimizer, (step, baseLr) => exponentialDecay(step, { baseLr, gamma: options.gamma }), { name: 'ExponentialLR' });
  }
}
