// Global gradient norm, accumulated in double precision with scaling so large f64 gradients cannot overflow.
import type { Tensor } from '../tensor';

/**
 * Options of {@link gradNorm}.
 *
 * @example
 * ```ts
 * import type { GradNormOptions } from '@nanograd/autograd';
 * const options: GradNormOptions = { type: 'inf' };
 * ```
 * @category Graph
 */
export interface GradNormOptions {
  /** `2` for the Euclidean norm (default), `'inf'` for the largest absolute element. */
  readonly type?: 2 | 'inf';
}

/**
 * Element statistics of one gradient: largest magnitude, scaled sum of squares, NaN and infinity counts.
 * @internal
 */
export interface GradStats {
  /** Largest finite-or-infinite absolute value (NaN ignored). */
  readonly maxAbs: number;
  /** Sum of `(x / maxAbs)^2` over finite elements; 0 when `maxAbs` is 0 or infinite. */
  readonly scaledSumSq: number;
  /** Number of NaN elements. */
  readonly nanCount: number;
  /** Number of ±Infinity elements. */
  readonly infCount: number;
}

/**
 * Scans one gradient's elements in double precision.
 * @internal
 */
export function gradStats(grad: Tensor): GradStats {
  const data = grad.data;
  let maxAbs = 0;
  let nanCount = 0;
  let infCount = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i] as number);
    if (Number.isNaN(v)) nanCount++;
    else if (v === Infinity) infCount++;
    else if (v > maxAbs) maxAbs = v;
  }
  let scaledSumSq = 0;
  if (maxAbs > 0) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (Number.isFinite(v)) scaledSumSq += (v / maxAbs) * (v / maxAbs);
    }
  }
  return { maxAbs: infCount > 0 ? Infinity : maxAbs, scaledSumSq: infCount > 0 ? 0 : scaledSumSq, nanCount, infCount };
}

/**
 * Combines per-gradient statistics into one norm: NaN if any element is NaN, Infinity if any is infinite.
 * @internal
 */
export function combineStats(stats: readonly GradStats[], type: 2 | 'inf'): number {
  let scale = 0;
  for (const s of stats) {
    if (s.nanCount > 0) return NaN;
    if (s.maxAbs > scale) scale = s.maxAbs;
  }
  if (type === 'inf' || scale === 0 || scale === Infinity) return scale;
  let total = 0;
  for (const s of stats) total += ((s.maxAbs / scale) * (s.maxAbs / scale)) * s.scaledSumSq;
  return scale * Math.sqrt(total);
}

/**
 * Computes the global norm of the gradients of several tensors, as if all their `.grad` elements were one vector.
 *
 * @param tensors - Tensors whose `.grad` to measure; those without a gradient are skipped.
 * @param options - `type`: `2` (Euclidean, default) or `'inf'` (largest absolute element).
 * @returns The norm in double precision: 0 when no tensor has a gradient, NaN if any gradient element is NaN,
 * Infinity if any is infinite.
 *
 * @example
 * ```ts
 * import { gradNorm, mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([3, 4], { requiresGrad: true });
 * sum(mul(w, w)).backward(); // grad = [6, 8]
 * gradNorm([w]); // 10
 * gradNorm([w], { type: 'inf' }); // 8
 * ```
 * @category Graph
 */
export function gradNorm(tensors: Iterable<Tensor>, options: GradNormOptions = {}): number {
  const stats: GradStats[] = [];
  for (const t of tensors) if (t.grad !== null) stats.push(gradStats(t.grad));
  return combineStats(stats, options.type ?? 2);
}
