// StepLR: the learning rate times gamma every stepSize steps.
import { checkInteger, checkNonNegativeNumber } from '../internal/check-schedule';
import { stepDecay } from './curves';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link StepLR}.
 *
 * @example
 * ```ts
 * import type { StepLROptions } from '@nanograd/optimizer';
 * const options: StepLROptions = { stepSize: 30, gamma: 0.1 };
 * ```
 * @category Schedule
 */
export interface StepLROptions {
  /** Steps between decays (positive integer). */
  readonly stepSize: number;
  /**
   * Factor applied at each decay.
   * @defaultValue 0.1
   */
  readonly gamma?: number;
}

/**
 * Multiplies each group's base rate by `gamma` every `stepSize` steps: `lr = base · γ^⌊t / stepSize⌋` (PyTorch
 * `StepLR`).
 *
 * @example
 * ```ts
 * import { SGD, StepLR } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 0.1 });
 * const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
 * scheduler.step();
 * scheduler.step();
 * optimizer.getLearningRate(); // 0.05
 * ```
 * @category Schedule
 */
export class StepLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `stepSize` and `gamma`.
   * @throws RangeError If `stepSize` is not a positive integer or `gamma` is negative.
   */
  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    const gamma = options.gamma ?? 0.1;
    checkInteger('StepLR', 'stepSize', options.stepSize, 1);
    checkNonNegativeNumber('StepLR', 'gamma', gamma);
    super(optimizer, (step, baseLr) => stepDecay(step, { baseLr, stepSize: options.stepSize, gamma }), { name: 'StepLR' });
  }
}
