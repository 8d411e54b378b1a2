// CosineWarmupLR: linear warm-up, then a half-cosine down to minLr (the GPT schedule).
import { checkInteger, checkNonNegativeNumber } from '../internal/check-schedule';
import { warmupCosine } from './curves';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link CosineWarmupLR}.
 *
 * @example
 * ```ts
 * import type { CosineWarmupLROptions } from '@nanograd/optimizer';
 * const options: CosineWarmupLROptions = { warmupSteps: 100, totalSteps: 5000, minLr: 6e-5 };
 * ```
 * @category Schedule
 */
export interface CosineWarmupLROptions {
  /** Steps of linear warm-up from 0 to the base rate (integer ≥ 0). */
  readonly warmupSteps: number;
  /** Step at which the cosine reaches `minLr` (integer > `warmupSteps`). */
  readonly totalSteps: number;
  /**
   * Final rate, held after `totalSteps`.
   * @defaultValue 0
   */
  readonly minLr?: number;
}

/**
 * Linear warm-up from 0 to each group's base rate over `warmupSteps`, then a half-cosine down to `minLr` at
 * `totalSteps` (the GPT schedule): `lr = base·t/W` for `t < W`, else
 * `minLr + (base − minLr)(1 + cos(π(t − W)/(T − W)))/2`.
 *
 * @example
 * ```ts
 * import { AdamW, CosineWarmupLR } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new AdamW([tensor([1], { requiresGrad: true })], { learningRate: 6e-4 });
 * new CosineWarmupLR(optimizer, { warmupSteps: 10, totalSteps: 100, minLr: 6e-5 });
 * optimizer.getLearningRate(); // 0 (step 0 of the warm-up)
 * ```
 * @category Schedule
 */
export class CosineWarmupLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `warmupSteps`, `totalSteps` and `minLr`.
   * @throws RangeError If the step counts are not integers with `0 <= warmupSteps < totalSteps`, or `minLr` is
   * negative.
   */
  constructor(optimizer: SchedulableOptimizer, options: CosineWarmupLROptions) {
    const { warmupSteps, totalSteps } = options;
    const minLr = options.minLr ?? 0;
    checkInteger('CosineWarmupLR', 'warmupSteps', warmupSteps, 0);
    checkInteger('CosineWarmupLR', 'totalSteps', totalSteps, warmupSteps + 1);
    checkNonNegativeNumber('CosineWarmupLR', 'minLr', minLr);
    super(optimizer, (step, baseLr) => warmupCosine(step, { baseLr, warmupSteps, totalSteps, minLr }), { name: 'CosineWarmupLR' });
  }
}
