// LinearWarmupLR: a linear ramp of the rate from startFactor to endFactor.
import { checkInteger, checkNonNegativeNumber } from '../internal/check-schedule';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link LinearWarmupLR}.
 *
 * @example
 * ```ts
 * import type { LinearWarmupLROptions } from '@nanograd/optimizer';
 * const options: LinearWarmupLROptions = { warmupSteps: 500, startFactor: 0.1 };
 * ```
 * @category Schedule
 */
export interface LinearWarmupLROptions {
  /** Steps of the linear ramp (positive integer). */
  readonly warmupSteps: number;
  /**
   * Factor of the base rate at step 0.
   * @defaultValue 0
   */
  readonly startFactor?: number;
  /**
   * Factor reached at `warmupSteps` and held after it.
   * @defaultValue 1
   */
  readonly endFactor?: number;
}

/**
 * A linear ramp of each group's rate: `lr = base · (s + (e − s) · min(t, W)/W)` with start factor s, end factor e
 * and W warm-up steps (PyTorch `LinearLR`, closed form).
 *
 * @remarks
 * PyTorch requires `start_factor > 0`; this closed form also allows warming up from 0.
 *
 * @example
 * ```ts
 * import { LinearWarmupLR, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
 * const scheduler = new LinearWarmupLR(optimizer, { warmupSteps: 4 });
 * scheduler.step();
 * optimizer.getLearningRate(); // 0.25
 * ```
 * @category Schedule
 */
export class LinearWarmupLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `warmupSteps`, `startFactor` and `endFactor`.
   * @throws RangeError If `warmupSteps` is not a positive integer or a factor is negative.
   */
  constructor(optimizer: SchedulableOptimizer, options: LinearWarmupLROptions) {
    const { warmupSteps } = options;
    const startFactor = options.startFactor ?? 0;
    const endFactor = options.endFactor ?? 1;
    checkInteger('LinearWarmupLR', 'warmupSteps', warmupSteps, 1);
    checkNonNegativeNumber('LinearWarmupLR', 'startFactor', startFactor);
    checkNonNegativeNumber('LinearWarmupLR', 'endFactor', endFactor);
    super(
      optimizer,
      (step, baseLr) => baseLr * (startFactor + ((endFactor - startFactor) * Math.min(step, warmupSteps)) / warmupSteps),
      { name: 'LinearWarmupLR' },
    );
  }
}
