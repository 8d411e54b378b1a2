// ConstantLR: a constant rate, optionally scaled for the first totalSteps steps.
import { checkInteger, checkNonNegativeNumber } from '../internal/check-schedule';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link ConstantLR}.
 *
 * @example
 * ```ts
 * import type { ConstantLROptions } from '@nanograd/optimizer';
 * const options: ConstantLROptions = { factor: 0.5, totalSteps: 100 };
 * ```
 * @category Schedule
 */
export interface ConstantLROptions {
  /**
   * Factor applied to the base rate while `t < totalSteps`.
   * @defaultValue 1
   */
  readonly factor?: number;
  /**
   * Steps during which `factor` applies; afterwards the base rate is used. `Infinity` keeps it forever.
   * @defaultValue Infinity
   */
  readonly totalSteps?: number;
}

/**
 * A constant rate: `lr = base · factor` for `t < totalSteps`, then `base` (PyTorch `ConstantLR`; with the
 * defaults the rate never changes).
 *
 * @remarks
 * PyTorch's defaults are `factor = 1/3` and `total_iters = 5`; here they are 1 and `Infinity`, so the bare
 * schedule is the constant one.
 *
 * @example
 * ```ts
 * import { ConstantLR, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 0.3 });
 * new ConstantLR(optimizer, { factor: 0.5, totalSteps: 2 });
 * optimizer.getLearningRate(); // 0.15
 * ```
 * @category Schedule
 */
export class ConstantLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `factor` and `totalSteps`.
   * @throws RangeError If `factor` is negative or `totalSteps` is neither a non-negative integer nor `Infinity`.
   */
  constructor(optimizer: SchedulableOptimizer, options: ConstantLROptions = {}) {
    const factor = options.factor ?? 1;
    const totalSteps = options.totalSteps ?? Infinity;
    checkNonNegativeNumber('ConstantLR', 'factor', factor);
    if (totalSteps !== Infinity) checkInteger('ConstantLR', 'totalSteps', totalSteps, 0);
    super(optimizer, (step, baseLr) => (step < totalSteps ? baseLr * factor : baseLr), { name: 'ConstantLR' });
  }
}
