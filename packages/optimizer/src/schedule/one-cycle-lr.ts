// OneCycleLR: cosine up to maxLr, then cosine down far below the start.
import { checkInteger, checkPositiveNumber } from '../internal/check-schedule';
import { oneCycle } from './curves';
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * Options of {@link OneCycleLR}.
 *
 * @example
 * ```ts
 * import type { OneCycleLROptions } from '@nanograd/optimizer';
 * const options: OneCycleLROptions = { maxLr: 0.1, totalSteps: 1000, pctStart: 0.25 };
 * ```
 * @category Schedule
 */
export interface OneCycleLROptions {
  /** Peak rate, one for all groups or one per group; the optimizer's current rates when omitted. */
  readonly maxLr?: number | readonly number[];
  /** Number of steps in the cycle (integer ≥ 2); stepping past it throws, as in PyTorch. */
  readonly totalSteps: number;
  /**
   * Fraction of the cycle spent increasing the rate, in (0, 1).
   * @defaultValue 0.3
   */
  readonly pctStart?: number;
  /**
   * The initial rate is `maxLr / divFactor`.
   * @defaultValue 25
   */
  readonly divFactor?: number;
  /**
   * The final rate is `maxLr / (divFactor · finalDivFactor)`.
   * @defaultValue 10000
   */
  readonly finalDivFactor?: number;
}

/**
 * The one-cycle policy (PyTorch `OneCycleLR` with cosine annealing): from `maxLr / divFactor` up to `maxLr` at
 * step `pctStart · totalSteps − 1`, then down to `maxLr / (divFactor · finalDivFactor)` at step `totalSteps − 1`,
 * both phases along cosines.
 *
 * @remarks
 * Unlike PyTorch this schedule does not cycle momentum (or Adam's β₁) inversely to the rate.
 *
 * @example
 * ```ts
 * import { OneCycleLR, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })]);
 * new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 100 });
 * optimizer.getLearningRate(); // 0.04
 * ```
 * @category Schedule
 */
export class OneCycleLR extends LRScheduler {
  /**
   * Creates the schedule and sets the rate for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param options - `maxLr`, `totalSteps`, `pctStart`, `divFactor` and `finalDivFactor`.
   * @throws RangeError For `totalSteps < 2`, `pctStart` outside (0, 1), non-positive factors or rates, or a
   * `maxLr` list whose length differs from the group count.
   */
  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    const name = 'OneCycleLR';
    const { totalSteps } = options;
    const pctStart = options.pctStart ?? 0.3;
    const divFactor = options.divFactor ?? 25;
    const finalDivFactor = options.finalDivFactor ?? 1e4;
    checkInteger(name, 'totalSteps', totalSteps, 2);
    if (!(pctStart > 0 && pctStart < 1)) throw new RangeError(`${name}: pctStart must be in (0, 1) (got ${pctStart})`);
    checkPositiveNumber(name, 'divFactor', divFactor);
    checkPositiveNumber(name, 'finalDivFactor', finalDivFactor);
    const groups = optimizer.paramGroups.length;
    const maxLr = options.maxLr;
    const peaks = maxLr === undefined ? Array.from({ length: groups }, (_, group) => optimizer.getLearningRate(group)) : typeof maxLr === 'number' ? Array<number>(groups).fill(maxLr) : [...maxLr];
    if (peaks.length !== groups) throw new RangeError(`${name}: got ${peaks.length} maxLr values for ${groups} parameter groups`);
    peaks.forEach((peak) => checkPositiveNumber(name, 'maxLr', peak));
    super(
      optimizer,
      (step, peak) => {
        if (step > totalSteps) throw new RangeError(`${name}: stepped ${step} times, past totalSteps ${totalSteps}`);
        return oneCycle(step, { maxLr: peak, totalSteps, pctStart, divFactor, finalDivFactor });
      },
      { name, baseLearningRates: peaks },
    );
  }
}
