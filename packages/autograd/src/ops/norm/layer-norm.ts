import { formatShape, ShapeError } from '@nanograd/kernels';
import { normalizeAxes } from '../../internal/axes';
import { normalizeOver } from '../../internal/batch-normalize';
import { assertAffine, assertFloatNorm } from '../../internal/norm-common';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { mul } from '../elementwise/mul';

/**
 * Options of {@link layerNorm}.
 *
 * @example
 * ```ts
 * import type { LayerNormOptions } from '@nanograd/autograd';
 * const options: LayerNormOptions = { normalizedShape: [3, 4], epsilon: 1e-6 };
 * ```
 * @category Normalization
 */
export interface LayerNormOptions {
  /** Axes to normalise over (default -1); ignored when `normalizedShape` is given. */
  readonly axis?: number | readonly number[];
  /** PyTorch style: normalise over the trailing axes, which must have exactly these extents. */
  readonly normalizedShape?: readonly number[];
  /**
   * Added to the variance before the square root.
   * @defaultValue 1e-5
   */
  readonly epsilon?: number;
}

/**
 * Layer normalisation: `(x - mean) / sqrt(var + epsilon) · weight + bias`, statistics over the chosen axes
 * (PyTorch `layer_norm`).
 *
 * @remarks
 * The variance is the biased (population) one, as in PyTorch. `weight` and `bias` broadcast against `x`
 * (for the default last axis, shape `[D]`). Differentiable to any order in all inputs.
 *
 * @param x - Input (float).
 * @param weight - Gain, or `null`/omitted for none.
 * @param bias - Offset, or `null`/omitted for none.
 * @param options - `axis` (default -1) or `normalizedShape`, and `epsilon` (default 1e-5).
 * @returns A tensor with the shape of `x`.
 * @throws {@link ShapeError} If an axis is out of range, `normalizedShape` does not match the trailing axes, or
 *   `weight`/`bias` do not broadcast to `x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { layerNorm, tensor } from '@nanograd/autograd';
 * layerNorm(tensor([1, 3])).toList(); // [-0.99999…, 0.99999…]
 * ```
 * @category Normalization
 */
export function layerNorm(x: Tensor, weight?: Tensor | null, bias?: Tensor | null, options: LayerNormOptions = {}): Tensor {
  assertFloatNorm('layerNorm', x, 'x');
  let axes: number[];
  if (options.normalizedShape !== undefined) {
    const trailing = options.normalizedShape;
    const offset = x.rank - trailing.length;
    if (offset < 0 || trailing.some((extent, position) => x.shape[offset + position] !== extent)) {
      throw new ShapeError(`layerNorm: normalizedShape ${formatShape(trailing)} does not match the trailing axes of x ${formatShape(x.shape)}`);
    }
    axes = trailing.map((_, position) => offset + position);
  } else {
    axes = normalizeAxes('layerNorm', options.axis ?? -1, x.rank);
  }
  if (weight) assertAffine('layerNorm', x, weight, 'weight');
  if (bias) assertAffine('layerNorm', x, bias, 'bias');
  let out = normalizeOver(x, axes, options.epsilon ?? 1e-5);
  if (weight) out = mul(out, weight);
  if (bias) out = add(out, bias);
  return out;
}
