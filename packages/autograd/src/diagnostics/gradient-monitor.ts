// Per-step gradient norms over training, to spot explosion or vanishing as a trend rather than a single step.
import type { Tensor } from '../tensor';
import { gradNorm } from './grad-norm';

/**
 * Options of {@link GradientMonitor}.
 *
 * @example
 * ```ts
 * import type { GradientMonitorOptions } from '@nanograd/autograd';
 * const options: GradientMonitorOptions = { window: 10 };
 * ```
 * @category Graph
 */
export interface GradientMonitorOptions {
  /** Norm above which a step counts as exploding (default `1e3`); NaN and infinite norms always do. */
  readonly explodingThreshold?: number;
  /** Norm below which a step counts as vanishing (default `1e-7`). */
  readonly vanishingThreshold?: number;
  /** Default number of recent steps examined by `isExploding` and `isVanishing` (default `5`). */
  readonly window?: number;
  /** Norm type, as in {@link gradNorm} (default `2`). */
  readonly type?: 2 | 'inf';
}

/**
 * Statistics over all recorded norms, from {@link GradientMonitor.summary}.
 *
 * @example
 * ```ts
 * import type { GradientSummary } from '@nanograd/autograd';
 * const empty: GradientSummary = { steps: 0, min: NaN, max: NaN, mean: NaN, last: NaN };
 * ```
 * @category Graph
 */
export interface GradientSummary {
  /** Number of recorded steps. */
  readonly steps: number;
  /** Smallest norm (NaN when nothing was recorded). */
  readonly min: number;
  /** Largest norm (NaN when nothing was recorded). */
  readonly max: number;
  /** Mean norm (NaN when nothing was recorded). */
  readonly mean: number;
  /** Latest norm (NaN when nothing was recorded). */
  readonly last: number;
}

/**
 * Records the global gradient norm at each training step and flags exploding or vanishing gradients.
 *
 * @example
 * ```ts
 * import { GradientMonitor, mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([3, 4], { requiresGrad: true });
 * const monitor = new GradientMonitor({ window: 3 });
 * sum(mul(w, w)).backward();
 * monitor.record([w]); // 10
 * monitor.summary().max; // 10
 * monitor.isExploding(); // false
 * ```
 * @category Graph
 */
export class GradientMonitor {
  readonly #norms: number[] = [];
  readonly #explodingThreshold: number;
  readonly #vanishingThreshold: number;
  readonly #window: number;
  readonly #type: 2 | 'inf';

  /**
   * Creates an empty monitor.
   *
   * @param options - Thresholds, default window and norm type.
   * @throws `RangeError` If `window` is not a positive integer.
   */
  constructor(options: GradientMonitorOptions = {}) {
    this.#explodingThreshold = options.explodingThreshold ?? 1e3;
    this.#vanishingThreshold = options.vanishingThreshold ?? 1e-7;
    this.#window = checkWindow(options.window ?? 5);
    this.#type = options.type ?? 2;
  }

  /** The recorded norms, oldest first. */
  get history(): readonly number[] {
    return this.#norms.slice();
  }

  /**
   * Records the global gradient norm of the given tensors as one step.
   *
   * @param tensors - Tensors whose `.grad` to measure (those without one are skipped).
   * @returns The recorded norm.
   */
  record(tensors: Iterable<Tensor>): number {
    const norm = gradNorm(tensors, { type: this.#type });
    this.#norms.push(norm);
    return norm;
  }

  /**
   * Summarises all recorded norms.
   *
   * @returns Step count, min, max, mean and latest norm.
   */
  summary(): GradientSummary {
    const n = this.#norms.length;
    if (n === 0) return { steps: 0, min: NaN, max: NaN, mean: NaN, last: NaN };
    let min = Infinity;
    let max = -Infinity;
    let total = 0;
    for (const v of this.#norms) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      total += v;
    }
    return { steps: n, min, max, mean: total / n, last: this.#norms[n - 1] as number };
  }

  /**
   * Whether any of the last `k` norms is NaN, infinite or above the exploding threshold.
   *
   * @param k - Number of recent steps to examine (default: the monitor's window).
   * @returns `false` when nothing was recorded.
   * @throws `RangeError` If `k` is not a positive integer.
   */
  isExploding(k: number = this.#window): boolean {
    return this.#recent(k).some((v) => Number.isNaN(v) || v > this.#explodingThreshold);
  }

  /**
   * Whether the last `k` norms were all below the vanishing threshold (and at least `k` steps were recorded).
   *
   * @param k - Number of recent steps to examine (default: the monitor's window).
   * @returns `false` with fewer than `k` recorded steps.
   * @throws `RangeError` If `k` is not a positive integer.
   */
  isVanishing(k: number = this.#window): boolean {
    const recent = this.#recent(k);
    return recent.length === k && recent.every((v) => v < this.#vanishingThreshold);
  }

  /** Forgets all recorded norms. */
  reset(): void {
    this.#norms.length = 0;
  }

  #recent(k: number): number[] {
    return this.#norms.slice(-checkWindow(k));
  }
}

// A window of 0 would make slice(-0) return everything, so reject it.
function checkWindow(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`GradientMonitor: window must be a positive integer, got ${k}`);
  return k;
}
