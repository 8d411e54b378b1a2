// CosineAnnealingLR: a half-cosine from the base rate down to minLr.
import { checkInteger, checkNonNegativeNumber } from '../internal/check-schedule';
import { cosineAnnealing } from './curves';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link CosineAnnealingLR}.
 *
 * @example
 * ```ts
 * import type { CosineAnnealingLROptions } from '@nanograd/optimizer';
 * const options: CosineAnnealingLROptions = { totalSteps: 1000, minLr: 1e-5 };
 * ```
 * @category Schedule
 */
export interface CosineAnnealingLROptions {
  /** Length of the half-cosine (PyTorch `T_max`), a positive integer. */
  readonly totalSteps: number;
  /**
   * Final rate (PyTorch `eta_min`).
   * @defaultValue 0
   */
  readonly minLr?: number;
}

/**
 * Anneals each group's rate along a half-cosine: `lr = η_min + (base − η_min)(1 + cos(πt/T))/2` for `t ≤ T`
 * (PyTorch `CosineAnnealingLR`'s closed form), then holds `η_min`.
 *
 * @remarks
 * PyTorch's closed form keeps following the cosine back up after `T_max`; this schedule stays at `minLr`.
 *
 * @example
 * ```ts
 * import { CosineAnnealingLR, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
 * const scheduler = new CosineAnnealingLR(optimizer, { totalSteps: 2 });
 * scheduler.step();
 * optimizer.getLearningRate(); // ≈ 0.5
 * ```
 * @category Schedule
 */
export class CosineAnnealingLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `totalSteps` and `minLr`.
   * @throws RangeError If `totalSteps` is not a positive integer or `minLr` is negative.
   */
  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    const minLr = options.minLr ?? 0;
    checkInteger('CosineAnnealingLR', 'totalSteps', options.totalSteps, 1);
    checkNonNegativeNumber('CosineAnnealingLR', 'minLr', minLr);
    super(optimizer, (step, baseLr) => cosineAnnealing(step, { baseLr, totalSteps: options.totalSteps, minLr }), { name: 'CosineAnnealingLR' });
  }
}
