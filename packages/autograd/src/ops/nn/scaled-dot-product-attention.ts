import { DTypeError, formatShape, ShapeError } from '@nanograd/kernels';
import { fromData } from '../../create';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { scale as scaleBy } from '../elementwise/scale';
import { where } from '../elementwise/where';
import { cast } from '../linalg/cast';
import { matmul } from '../linalg/matmul';
import { transpose } from '../linalg/transpose';
import { softmax } from '../softmax/softmax';

/**
 * Options of {@link scaledDotProductAttention}.
 *
 * @example
 * ```ts
 * import type { AttentionOptions } from '@nanograd/autograd';
 * const decoder: AttentionOptions = { causal: true };
 * ```
 * @category Activation
 */
export interface AttentionOptions {
  /** Hide keys after each query position (`j > i`) (default false). */
  readonly causal?: boolean;
  /** Additive float mask broadcastable to `(…, Lq, Lk)` (use −Infinity to hide; cast to the scores' dtype), or an i32 mask where 0 hides. */
  readonly mask?: Tensor;
  /** Score scale (default `1 / √D`). */
  readonly scale?: number;
}

/**
 * Attention `softmax(q kᵀ · scale + mask) v`; leading batch axes broadcast; masked scores are selected out with
 * `where`, so hidden positions get exactly zero gradient rather than NaN.
 *
 * @param q - Queries `(…, Lq, D)`.
 * @param k - Keys `(…, Lk, D)`.
 * @param v - Values `(…, Lk, Dv)`.
 * @param options - `causal`, `mask`, `scale`.
 * @returns `(…, Lq, Dv)`.
 * @throws {@link ShapeError} if the feature or sequence extents disagree or a tensor has rank below 2.
 * @throws {@link DTypeError} for integer q, k or v.
 *
 * @example
 * ```ts
 * import { ones, scaledDotProductAttention } from '@nanograd/autograd';
 * scaledDotProductAttention(ones([2, 4]), ones([3, 4]), ones([3, 5]), { causal: true }).shape; // [2, 5]
 * ```
 * @category Activation
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: AttentionOptions = {}): Tensor {
  const shapes = (): string => `q ${formatShape(q.shape)}, k ${formatShape(k.shape)}, v ${formatShape(v.shape)}`;
  if (q.rank < 2 || k.rank < 2 || v.rank < 2) throw new ShapeError(`scaledDotProductAttention: q, k and v need rank 2 or more (${shapes()})`);
  if (q.dtype === 'i32' || k.dtype === 'i32' || v.dtype === 'i32') throw new DTypeError(`scaledDotProductAttention: needs float q, k and v (${shapes()})`);
  const depth = q.shape[q.rank - 1] as number;
  const queries = q.shape[q.rank - 2] as number;
  const keys = k.shape[k.rank - 2] as number;
  if (k.shape[k.rank - 1] !== depth) throw new ShapeError(`scaledDotProductAttention: q and k feature sizes differ (${shapes()})`);
  if (v.shape[v.rank - 2] !== keys) throw new ShapeError(`scaledDotProductAttention: k and v sequence lengths differ (${shapes()})`);
  let scores = scaleBy(matmul(q, transpose(k, -2, -1)), options.scale ?? 1 / Math.sqrt(depth));
  const { mask } = options;
  if (mask !== undefined) scores = mask.dtype === 'i32' ? where(mask, scores, -Infinity) : add(scores, cast(mask, scores.dtype));
  if (options.causal === true) {
    const visible = new Int32Array(queries * keys);
    for (let i = 0; i < queries; i++) for (let j = 0; j <= Math.min(i, keys - 1); j++) visible[i * keys + j] = 1;
    scores = where(fromData('scaledDotProductAttention', visible, [queries, keys], 'i32', scores.backend), scores, -Infinity);
  }
  return matmul(softmax(scores, { axis: -1 }), v);
}
