// The scheduler base: closed-form rates per step, applied to every parameter group, with state dicts.
import { OptimizerError } from '../optimizer-error';

/**
 * The part of an optimizer a scheduler drives: its groups and their learning rates. Every {@link Optimizer}
 * satisfies it.
 *
 * @example
 * ```ts
 * import { SGD } from '@nanograd/optimizer';
 * import type { SchedulableOptimizer } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer: SchedulableOptimizer = new SGD([tensor([1], { requiresGrad: true })]);
 * ```
 * @category Schedule
 */
export interface SchedulableOptimizer {
  /** The parameter groups; only their count is used. */
  readonly paramGroups: readonly unknown[];
  /**
   * Returns a group's learning rate.
   * @param group - Group index.
   */
  getLearningRate(group?: number): number;
  /**
   * Sets a group's learning rate.
   * @param learningRate - The new rate.
   * @param group - Group index.
   */
  setLearningRate(learningRate: number, group?: number): void;
}

/**
 * A learning rate as a function of the step count and the group's base rate.
 *
 * @example
 * ```ts
 * import type { LearningRateCurve } from '@nanograd/optimizer';
 * const halving: LearningRateCurve = (step, baseLearningRate) => baseLearningRate / 2 ** step;
 * ```
 * @category Schedule
 */
export type LearningRateCurve = (step: number, baseLearningRate: number, group: number) => number;

/**
 * Options of the {@link LRScheduler} constructor.
 *
 * @example
 * ```ts
 * import type { LRSchedulerOptions } from '@nanograd/optimizer';
 * const options: LRSchedulerOptions = { name: 'HalvingLR', baseLearningRates: [0.1] };
 * ```
 * @category Schedule
 */
export interface LRSchedulerOptions {
  /**
   * Name used in error messages and state dicts.
   * @defaultValue 'LRScheduler'
   */
  readonly name?: string;
  /**
   * Base rate per group; the optimizer's current rates when omitted.
   */
  readonly baseLearningRates?: readonly number[];
}

/**
 * A JSON-serialisable snapshot of a scheduler.
 *
 * @example
 * ```ts
 * import type { SchedulerStateDict } from '@nanograd/optimizer';
 * const dict: SchedulerStateDict = { scheduler: 'StepLR', step: 3, baseLearningRates: [0.1] };
 * ```
 * @category Schedule
 */
export interface SchedulerStateDict {
  /** Class name of the scheduler that wrote it. */
  readonly scheduler: string;
  /** Number of `step()` calls so far. */
  readonly step: number;
  /** Base rate per parameter group. */
  readonly baseLearningRates: readonly number[];
}

/**
 * Sets an optimizer's learning rates from a closed-form curve of the step count, per parameter group (PyTorch's
 * `LambdaLR` when used directly; the base of {@link StepLR}, {@link CosineWarmupLR} and the others). Creating the
 * scheduler sets the rate for step 0 immediately; call {@link LRScheduler.step} after each `optimizer.step()`.
 *
 * @example
 * ```ts
 * import { LRScheduler, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
 * const scheduler = new LRScheduler(optimizer, (step, base) => base / (step + 1));
 * scheduler.step();
 * optimizer.getLearningRate(); // 0.5
 * ```
 * @category Schedule
 */
export class LRScheduler {
  /** The scheduler's class name. */
  readonly name: string;
  /** The optimizer whose rates are set. */
  readonly optimizer: SchedulableOptimizer;
  readonly #curve: LearningRateCurve;
  #baseLearningRates: readonly number[];
  #step = 0;
  #last: readonly number[] = [];

  /**
   * Creates the scheduler and sets the optimizer's rates for step 0.
   *
   * @param optimizer - The optimizer to drive.
   * @param curve - The rate for a step and a group's base rate.
   * @param options - `name` and `baseLearningRates`.
   * @throws RangeError If a base rate is negative, their count differs from the group count, or the curve gives an
   * invalid rate.
   */
  constructor(optimizer: SchedulableOptimizer, curve: LearningRateCurve, options: LRSchedulerOptions = {}) {
    this.name = options.name ?? 'LRScheduler';
    this.optimizer = optimizer;
    this.#curve = curve;
    const groups = optimizer.paramGroups.length;
    const base = options.baseLearningRates ?? Array.from({ length: groups }, (_, group) => optimizer.getLearningRate(group));
    if (base.length !== groups) throw new RangeError(`${this.name}: got ${base.length} base learning rates for ${groups} parameter groups`);
    base.forEach((rate) => {
      if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`${this.name}: base learning rates must be non-negative finite numbers (got ${rate})`);
    });
    this.#baseLearningRates = [...base];
    this.#apply();
  }

  /** Base rate of each parameter group (the rate the curves scale). */
  get baseLearningRates(): readonly number[] {
    return this.#baseLearningRates;
  }

  /** Number of `step()` calls so far. */
  get stepCount(): number {
    return this.#step;
  }

  /** The rate last set on the first group (PyTorch `get_last_lr()[0]`). */
  get lastLearningRate(): number {
    return this.#last[0]!;
  }

  /** The rates last set, one per group (PyTorch `get_last_lr()`). */
  get lastLearningRates(): readonly number[] {
    return this.#last;
  }

  /**
   * Advances one step and sets the optimizer's rates for it.
   *
   * @throws RangeError If the curve is undefined at the new step (e.g. past the end of a one-cycle schedule).
   *
   * @example
   * ```ts
   * import { SGD, StepLR } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
   * const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
   * scheduler.step();
   * scheduler.getLearningRate(); // 0.5
   * ```
   */
  step(): void {
    this.#step += 1;
    try {
      this.#apply();
    } catch (error) {
      this.#step -= 1;
      throw error;
    }
  }

  /**
   * Returns the rate the scheduler last set on a group.
   *
   * @param group - Group index.
   * @returns The rate.
   * @throws RangeError If the group does not exist.
   *
   * @example
   * ```ts
   * import { ExponentialLR, SGD } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
   * new ExponentialLR(optimizer, { gamma: 0.9 }).getLearningRate(); // 1
   * ```
   */
  getLearningRate(group = 0): number {
    const rate = Number.isInteger(group) ? this.#last[group] : undefined;
    if (rate === undefined) throw new RangeError(`${this.name}: getLearningRate: group ${group} does not exist (${this.#last.length} groups)`);
    return rate;
  }

  /**
   * Returns a JSON-serialisable snapshot (step count and base rates).
   *
   * @returns The snapshot.
   *
   * @example
   * ```ts
   * import { SGD, StepLR } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
   * new StepLR(optimizer, { stepSize: 2, gamma: 0.1 }).stateDict().step; // 0
   * ```
   */
  stateDict(): SchedulerStateDict {
    return { scheduler: this.name, step: this.#step, baseLearningRates: [...this.#baseLearningRates] };
  }

  /**
   * Restores a snapshot from {@link LRScheduler.stateDict} and sets the optimizer's rates for the restored step.
   *
   * @param dict - The snapshot.
   * @throws {@link OptimizerError} If it was written by another scheduler class or for another group count.
   *
   * @example
   * ```ts
   * import { SGD, StepLR } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 1 });
   * const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
   * scheduler.loadStateDict({ scheduler: 'StepLR', step: 2, baseLearningRates: [1] });
   * optimizer.getLearningRate(); // 0.25
   * ```
   */
  loadStateDict(dict: SchedulerStateDict): void {
    if (typeof dict !== 'object' || dict === null || dict.scheduler !== this.name) {
      throw new OptimizerError(`${this.name}: loadStateDict got a state dict written by ${String(dict?.scheduler)}`);
    }
    if (!Number.isInteger(dict.step) || dict.step < 0) throw new OptimizerError(`${this.name}: loadStateDict: step must be a non-negative integer (got ${String(dict.step)})`);
    const base = dict.baseLearningRates;
    if (!Array.isArray(base) || base.length !== this.#baseLearningRates.length || base.some((rate) => typeof rate !== 'number' || !(rate >= 0))) {
      throw new OptimizerError(`${this.name}: loadStateDict: expected ${this.#baseLearningRates.length} non-negative base learning rates (got ${JSON.stringify(base)})`);
    }
    const previous = { step: this.#step, base: this.#baseLearningRates };
    this.#step = dict.step;
    this.#baseLearningRates = [...base];
    try {
      this.#apply();
    } catch (error) {
      this.#step = previous.step;
      this.#baseLearningRates = previous.base;
      throw error;
    }
  }

  #apply(): void {
    const rates = this.#baseLearningRates.map((base, group) => {
      const rate = this.#curve(this.#step, base, group);
      if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`${this.name}: the rate for step ${this.#step} of group ${group} is ${rate}`);
      return rate;
    });
    rates.forEach((rate, group) => this.optimizer.setLearningRate(rate, group));
    this.#last = rates;
  }
}
