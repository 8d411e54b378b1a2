// Rescales all gradients together so their joint norm is at most maxNorm (PyTorch clip_grad_norm_).
import { DTypeError } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { collectTensors } from './internal/collect-tensors';
import { readElements, writeBack } from './internal/storage';

/**
 * Options of {@link clipGradNorm}.
 *
 * @example
 * ```ts
 * import type { ClipGradNormOptions } from '@nanograd/optimizer';
 * const options: ClipGradNormOptions = { normType: Infinity };
 * ```
 * @category Optimizer
 */
export interface ClipGradNormOptions {
  /**
   * The p of the p-norm (any p > 0), or `Infinity` for the largest absolute value.
   * @defaultValue 2
   */
  readonly normType?: number;
  /**
   * Throw instead of scaling when the total norm is NaN or infinite.
   * @defaultValue false
   */
  readonly errorIfNonfinite?: boolean;
}

/**
 * Scales the gradients of `params` in place so that their total norm (the norm of all gradient elements taken
 * together) is at most `maxNorm`, and returns the total norm before clipping. Parameters whose gradient is
 * `null` are skipped.
 *
 * @remarks
 * As in PyTorch, the scale is `maxNorm / (norm + 1e-6)`, applied only when it is below 1.
 *
 * @param params - A tensor or tensors whose `.grad` to clip.
 * @param maxNorm - The largest allowed total norm (positive).
 * @param options - `normType` (default 2, or `Infinity`) and `errorIfNonfinite`.
 * @returns The total norm of the gradients before clipping (0 when no parameter has a gradient).
 * @throws RangeError If `maxNorm` or `normType` is not positive, or the norm is non-finite with `errorIfNonfinite`.
 * @throws `DTypeError` If a gradient is not a float tensor.
 *
 * @example
 * ```ts
 * import { clipGradNorm } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const w = tensor([0, 0], { requiresGrad: true, dtype: 'f64' });
 * w.grad = tensor([3, 4], { dtype: 'f64' });
 * clipGradNorm([w], 1); // 5
 * w.grad.toList(); // ≈ [0.6, 0.8]
 * ```
 * @category Optimizer
 */
export function clipGradNorm(params: Tensor | Iterable<Tensor>, maxNorm: number, options: ClipGradNormOptions = {}): number {
  const normType = options.normType ?? 2;
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) throw new RangeError(`clipGradNorm: maxNorm must be a positive finite number (got ${maxNorm})`);
  if (!(normType > 0)) throw new RangeError(`clipGradNorm: normType must be positive or Infinity (got ${normType})`);
  const withGrad = collectTensors('clipGradNorm', params).filter((param) => param.grad !== null);
  withGrad.forEach((param, index) => {
    if (param.grad!.dtype === 'i32') throw new DTypeError(`clipGradNorm: gradient ${index} has dtype i32; expected f32 or f64`);
  });
  let total = 0;
  for (const param of withGrad) {
    const values = readElements(param.grad!);
    for (let i = 0; i < values.length; i++) {
      const magnitude = Math.abs(values[i]!);
      if (normType === Infinity) total = magnitude > total || Number.isNaN(magnitude) ? magnitude : total;
      else total += normType === 2 ? magnitude * magnitude : magnitude ** normType;
    }
  }
  if (normType !== Infinity) total = normType === 2 ? Math.sqrt(total) : total ** (1 / normType);
  if (!Number.isFinite(total) && options.errorIfNonfinite === true) {
    throw new RangeError(`clipGradNorm: the total norm of order ${normType} is ${total}; pass errorIfNonfinite: false to scale anyway`);
  }
  const scale = maxNorm / (total + 1e-6);
  // NaN compares false, so a NaN norm scales (and poisons) the gradients as in PyTorch instead of hiding the problem.
  if (scale < 1 || Number.isNaN(scale)) {
    for (const param of withGrad) {
      const grad = param.grad!;
      const values = readElements(grad);
      for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale;
      param.grad = writeBack(grad, values);
    }
  }
  return total;
}
