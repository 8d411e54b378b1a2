// Learning-rate curves as pure functions of the step; the scheduler classes wrap them around an optimizer.

function check(curve: string, values: object): void {
  for (const [name, value] of Object.entries(values) as [string, number][]) {
    if (!Number.isFinite(value)) throw new RangeError(`${curve}: ${name} must be a finite number (got ${value})`);
  }
}

function checkStep(curve: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`${curve}: step must be a non-negative integer (got ${step})`);
}

/**
 * Options of {@link stepDecay}.
 *
 * @example
 * ```ts
 * import type { StepDecayOptions } from '@nanograd/optimizer';
 * const options: StepDecayOptions = { baseLr: 0.1, stepSize: 10, gamma: 0.5 };
 * ```
 * @category Schedule
 */
export interface StepDecayOptions {
  /**
   * Rate at step 0.
   */
  readonly baseLr: number;
  /**
   * Steps between decays (positive integer).
   */
  readonly stepSize: number;
  /**
   * Factor applied at each decay.
   */
  readonly gamma: number;
}

/**
 * Returns the learning rate at `step` when it is multiplied by `gamma` every `stepSize` steps (PyTorch `StepLR`).
 *
 * @param step - Steps taken so far.
 * @param options - `baseLr`, `stepSize` (positive integer) and `gamma`.
 * @returns `baseLr * gamma ** floor(step / stepSize)`.
 * @throws RangeError For a negative step, a non-positive `stepSize` or non-finite numbers.
 *
 * @example
 * ```ts
 * import { stepDecay } from '@nanograd/optimizer';
 * stepDecay(25, { baseLr: 0.1, stepSize: 10, gamma: 0.5 }); // 0.025
 * ```
 * @category Schedule
 */
export function stepDecay(step: number, options: StepDecayOptions): number {
  checkStep('stepDecay', step);
  check('stepDecay', options);
  if (!Number.isInteger(options.stepSize) || options.stepSize < 1) {
    throw new RangeError(`stepDecay: stepSize must be a positive integer (got ${options.stepSize})`);
  }
  return options.baseLr * options.gamma ** Math.floor(step / options.stepSize);
}

/**
 * Options of {@link exponentialDecay}.
 *
 * @example
 * ```ts
 * import type { ExponentialDecayOptions } from '@nanograd/optimizer';
 * const options: ExponentialDecayOptions = { baseLr: 1, gamma: 0.9 };
 * ```
 * @category Schedule
 */
export interface ExponentialDecayOptions {
  /**
   * Rate at step 0.
   */
  readonly baseLr: number;
  /**
   * Factor applied every step.
   */
  readonly gamma: number;
}

/**
 * Returns the learning rate at `step` when it is multiplied by `gamma` every step (PyTorch `ExponentialLR`).
 *
 * @param step - Steps taken so far.
 * @param options - `baseLr` and `gamma`.
 * @returns `baseLr * gamma ** step`.
 * @throws RangeError For a negative step or non-finite numbers.
 *
 * @example
 * ```ts
 * import { exponentialDecay } from '@nanograd/optimizer';
 * exponentialDecay(2, { baseLr: 1, gamma: 0.9 }); // 0.81
 * ```
 * @category Schedule
 */
export function exponentialDecay(step: number, options: ExponentialDecayOptions): number {
  checkStep('exponentialDecay', step);
  check('exponentialDecay', options);
  return options.baseLr * options.gamma ** step;
}

/**
 * Options of {@link cosineAnnealing}.
 *
 * @example
 * ```ts
 * import type { CosineAnnealingOptions } from '@nanograd/optimizer';
 * const options: CosineAnnealingOptions = { baseLr: 1, totalSteps: 100 };
 * ```
 * @category Schedule
 */
export interface CosineAnnealingOptions {
  /**
   * Rate at step 0.
   */
  readonly baseLr: number;
  /**
   * Steps of the half-cosine (positive integer).
   */
  readonly totalSteps: number;
  /**
   * Rate reached at `totalSteps` and held after it.
   * @defaultValue 0
   */
  readonly minLr?: number;
}

/**
 * Returns the learning rate at `step` of a half-cosine from `baseLr` down to `minLr` over `totalSteps`, then
 * held at `minLr` (PyTorch `CosineAnnealingLR` without restarts).
 *
 * @param step - Steps taken so far.
 * @param options - `baseLr`, `totalSteps` (positive integer) and `minLr` (default 0).
 * @returns The annealed learning rate.
 * @throws RangeError For a negative step, a non-positive `totalSteps` or non-finite numbers.
 *
 * @example
 * ```ts
 * import { cosineAnnealing } from '@nanograd/optimizer';
 * cosineAnnealing(50, { baseLr: 1, totalSteps: 100 }); // 0.5
 * ```
 * @category Schedule
 */
export function cosineAnnealing(step: number, options: CosineAnnealingOptions): number {
  const minLr = options.minLr ?? 0;
  checkStep('cosineAnnealing', step);
  check('cosineAnnealing', { baseLr: options.baseLr, totalSteps: options.totalSteps, minLr });
  if (!Number.isInteger(options.totalSteps) || options.totalSteps < 1) {
    throw new RangeError(`cosineAnnealing: totalSteps must be a positive integer (got ${options.totalSteps})`);
  }
  const progress = Math.min(step, options.totalSteps) / options.totalSteps;
  return minLr + ((options.baseLr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/**
 * Options of {@link warmupCosine}.
 *
 * @example
 * ```ts
 * import type { WarmupCosineOptions } from '@nanograd/optimizer';
 * const options: WarmupCosineOptions = { baseLr: 1, warmupSteps: 10, totalSteps: 110 };
 * ```
 * @category Schedule
 */
export interface WarmupCosineOptions {
  /**
   * Peak rate, reached at the end of the warm-up.
   */
  readonly baseLr: number;
  /**
   * Steps of linear warm-up from 0 (integer ≥ 0).
   */
  readonly warmupSteps: number;
  /**
   * Step at which the cosine reaches `minLr` (integer > `warmupSteps`).
   */
  readonly totalSteps: number;
  /**
   * Final rate.
   * @defaultValue 0
   */
  readonly minLr?: number;
}

/**
 * Returns the learning rate at `step` of a linear warm-up from 0 to `baseLr` over `warmupSteps`, followed by a
 * cosine decay to `minLr` at `totalSteps` (the GPT training schedule).
 *
 * @param step - Steps taken so far.
 * @param options - `baseLr`, `warmupSteps` (≥ 0), `totalSteps` (> `warmupSteps`) and `minLr` (default 0).
 * @returns The learning rate.
 * @throws RangeError If `warmupSteps >= totalSteps`, for a negative step, or non-finite numbers.
 *
 * @example
 * ```ts
 * import { warmupCosine } from '@nanograd/optimizer';
 * warmupCosine(5, { baseLr: 1, warmupSteps: 10, totalSteps: 110 }); // 0.5
 * ```
 * @category Schedule
 */
export function warmupCosine(
  step: number,
  options: WarmupCosineOptions,
): number {
  const minLr = options.minLr ?? 0;
  checkStep('warmupCosine', step);
  check('warmupCosine', { baseLr: options.baseLr, warmupSteps: options.warmupSteps, totalSteps: options.totalSteps, minLr });
  const { baseLr, warmupSteps, totalSteps } = options;
  if (!Number.isInteger(warmupSteps) || !Number.isInteger(totalSteps) || warmupSteps < 0 || warmupSteps >= totalSteps) {
    throw new RangeError(`warmupCosine: need integers 0 <= warmupSteps < totalSteps (got ${warmupSteps}, ${totalSteps})`);
  }
  if (step < warmupSteps) return (baseLr * step) / warmupSteps;
  return cosineAnnealing(step - warmupSteps, { baseLr, totalSteps: totalSteps - warmupSteps, minLr });
}

/**
 * Options of {@link oneCycle}.
 *
 * @example
 * ```ts
 * import type { OneCycleOptions } from '@nanograd/optimizer';
 * const options: OneCycleOptions = { maxLr: 1, totalSteps: 100 };
 * ```
 * @category Schedule
 */
export interface OneCycleOptions {
  /**
   * Peak rate.
   */
  readonly maxLr: number;
  /**
   * Length of the cycle (integer ≥ 2).
   */
  readonly totalSteps: number;
  /**
   * Fraction of the cycle spent rising, in (0, 1).
   * @defaultValue 0.3
   */
  readonly pctStart?: number;
  /**
   * The cycle starts at `maxLr / divFactor`.
   * @defaultValue 25
   */
  readonly divFactor?: number;
  /**
   * The cycle ends at `maxLr / (divFactor * finalDivFactor)`.
   * @defaultValue 10000
   */
  readonly finalDivFactor?: number;
}

/**
 * Returns the learning rate at `step` of the one-cycle policy: cosine rise from `maxLr / divFactor` to `maxLr`
 * over the first `pctStart` of `totalSteps`, then cosine fall to `maxLr / (divFactor * finalDivFactor)`
 * (PyTorch `OneCycleLR`, cosine annealing).
 *
 * @param step - Steps taken so far, in `[0, totalSteps]`.
 * @param options - `maxLr`, `totalSteps`, `pctStart` (default 0.3), `divFactor` (25), `finalDivFactor` (1e4).
 * @returns The learning rate.
 * @throws RangeError If `step > totalSteps`, `pctStart` is outside (0, 1), or numbers are non-finite.
 *
 * @example
 * ```ts
 * import { oneCycle } from '@nanograd/optimizer';
 * oneCycle(0, { maxLr: 1, totalSteps: 100 }); // 0.04
 * ```
 * @category Schedule
 */
export function oneCycle(
  step: number,
  options: OneCycleOptions,
): number {
  const { maxLr, totalSteps } = options;
  const pctStart = options.pctStart ?? 0.3;
  const divFactor = options.divFactor ?? 25;
  const finalDivFactor = options.finalDivFactor ?? 1e4;
  checkStep('oneCycle', step);
  check('oneCycle', { maxLr, totalSteps, pctStart, divFactor, finalDivFactor });
  if (!(pctStart > 0 && pctStart < 1)) throw new RangeError(`oneCycle: pctStart must be in (0, 1) (got ${pctStart})`);
  if (!Number.isInteger(totalSteps) || totalSteps < 2) {
    throw new RangeError(`oneCycle: totalSteps must be an integer >= 2 (got ${totalSteps})`);
  }
  if (step > totalSteps) throw new RangeError(`oneCycle: step ${step} is past totalSteps ${totalSteps}`);
  const initialLr = maxLr / divFactor;
  const finalLr = initialLr / finalDivFactor;
  // PyTorch places the peak at step pctStart * totalSteps - 1 and the end at totalSteps - 1.
  const peak = pctStart * totalSteps - 1;
  const end = totalSteps - 1;
  const cosine = (from: number, to: number, fraction: number): number => to + ((from - to) * (1 + Math.cos(Math.PI * fraction))) / 2;
  if (step <= peak) return cosine(initialLr, maxLr, peak <= 0 ? 1 : step / peak);
  return cosine(maxLr, finalLr, Math.min(1, (step - peak) / (end - peak)));
}
