// One call answering "are my gradients sane?": global norm, NaN/Inf detection and a per-tensor breakdown.
import type { Tensor } from '../tensor';
import { combineStats, gradStats } from './grad-norm';

/**
 * Options of {@link checkGradientHealth}.
 *
 * @example
 * ```ts
 * import type { GradientHealthOptions } from '@nanograd/autograd';
 * const options: GradientHealthOptions = { explodingThreshold: 100 };
 * ```
 * @category Graph
 */
export interface GradientHealthOptions {
  /** Global norm above which gradients count as exploding (default `1e3`). */
  readonly explodingThreshold?: number;
  /** Global norm below which gradients count as vanishing (default `1e-7`). */
  readonly vanishingThreshold?: number;
  /** Display names of tensors, used in the breakdown and in problem messages. */
  readonly names?: ReadonlyMap<Tensor, string>;
}

/**
 * Gradient statistics of one tensor in a {@link GradientHealth} report.
 *
 * @example
 * ```ts
 * import type { TensorGradientHealth } from '@nanograd/autograd';
 * const entry: TensorGradientHealth = { index: 0, name: 'w', hasGrad: true, norm: 1, nanCount: 0, infCount: 0 };
 * ```
 * @category Graph
 */
export interface TensorGradientHealth {
  /** Position of the tensor in the iterable passed in. */
  readonly index: number;
  /** Name from `options.names`, else `#index`. */
  readonly name: string;
  /** Whether the tensor has a gradient at all. */
  readonly hasGrad: boolean;
  /** Euclidean norm of its gradient (0 without one). */
  readonly norm: number;
  /** Number of NaN gradient elements. */
  readonly nanCount: number;
  /** Number of infinite gradient elements. */
  readonly infCount: number;
}

/**
 * The result of {@link checkGradientHealth}.
 *
 * @example
 * ```ts
 * import type { GradientHealth } from '@nanograd/autograd';
 * const isOk = (h: GradientHealth): boolean => h.healthy;
 * ```
 * @category Graph
 */
export interface GradientHealth {
  /** Global Euclidean norm over all gradients. */
  readonly norm: number;
  /** Whether any gradient element is NaN. */
  readonly hasNaN: boolean;
  /** Whether any gradient element is infinite. */
  readonly hasInf: boolean;
  /** Whether the global norm exceeds the exploding threshold (infinite norms included). */
  readonly exploding: boolean;
  /** Whether some gradient exists and the global norm is below the vanishing threshold. */
  readonly vanishing: boolean;
  /** True when gradients exist and none of the problems above occurs. */
  readonly healthy: boolean;
  /** One human-readable line per problem found. */
  readonly problems: readonly string[];
  /** Per-tensor breakdown, in input order. */
  readonly tensors: readonly TensorGradientHealth[];
}

/**
 * Checks the gradients of several tensors for NaN, infinities, explosion and vanishing.
 *
 * @param tensors - Tensors whose `.grad` to check (usually a model's parameters).
 * @param options - `explodingThreshold` (default `1e3`), `vanishingThreshold` (default `1e-7`) and `names`.
 * @returns The global norm, flags, problem messages and a per-tensor breakdown.
 *
 * @example
 * ```ts
 * import { checkGradientHealth, mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([3, 4], { requiresGrad: true });
 * sum(mul(w, w)).backward();
 * const health = checkGradientHealth([w]);
 * health.norm; // 10
 * health.healthy; // true
 * ```
 * @category Graph
 */
export function checkGradientHealth(tensors: Iterable<Tensor>, options: GradientHealthOptions = {}): GradientHealth {
  const explodingThreshold = options.explodingThreshold ?? 1e3;
  const vanishingThreshold = options.vanishingThreshold ?? 1e-7;
  const entries: TensorGradientHealth[] = [];
  const stats = [];
  const problems: string[] = [];
  let index = 0;
  for (const t of tensors) {
    const name = options.names?.get(t) ?? `#${index}`;
    if (t.grad === null) {
      entries.push({ index, name, hasGrad: false, norm: 0, nanCount: 0, infCount: 0 });
    } else {
      const s = gradStats(t.grad);
      stats.push(s);
      entries.push({ index, name, hasGrad: true, norm: combineStats([s], 2), nanCount: s.nanCount, infCount: s.infCount });
      if (s.nanCount > 0) problems.push(`${name}: ${s.nanCount} NaN gradient element(s)`);
      if (s.infCount > 0) problems.push(`${name}: ${s.infCount} infinite gradient element(s)`);
    }
    index++;
  }
  const norm = combineStats(stats, 2);
  const hasNaN = entries.some((e) => e.nanCount > 0);
  const hasInf = entries.some((e) => e.infCount > 0);
  const exploding = !Number.isNaN(norm) && norm > explodingThreshold;
  const vanishing = stats.length > 0 && norm < vanishingThreshold;
  if (stats.length === 0) problems.push('no tensor has a gradient');
  if (exploding) problems.push(`exploding gradients: norm ${norm} > ${explodingThreshold}`);
  if (vanishing) problems.push(`vanishing gradients: norm ${norm} < ${vanishingThreshold}`);
  return { norm, hasNaN, hasInf, exploding, vanishing, healthy: problems.length === 0, problems, tensors: entries };
}
