// Clamps every gradient element into [-clip, clip] (PyTorch clip_grad_value_).
import { DTypeError } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { collectTensors } from './internal/collect-tensors';
import { readElements, writeBack } from './internal/storage';

/**
 * Clamps the gradients of `params` in place to `[-clip, clip]`. Parameters whose gradient is `null` are skipped
 * (the Scheme egg's version crashes on them).
 *
 * @param params - A tensor or tensors whose `.grad` to clamp.
 * @param clip - The largest allowed magnitude (non-negative).
 * @throws RangeError If `clip` is negative or not a number.
 * @throws `DTypeError` If a gradient is not a float tensor.
 *
 * @example
 * ```ts
 * import { clipGradValue } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const w = tensor([0, 0, 0], { requiresGrad: true });
 * w.grad = tensor([-3, 0.5, 2]);
 * clipGradValue([w], 1);
 * w.grad.toList(); // [-1, 0.5, 1]
 * ```
 * @category Optimizer
 */
export function clipGradValue(params: Tensor | Iterable<Tensor>, clip: number): void {
  if (!(clip >= 0)) throw new RangeError(`clipGradValue: clip must be non-negative (got ${clip})`);
  collectTensors('clipGradValue', params).forEach((param, index) => {
    const grad = param.grad;
    if (grad === null) return;
    if (grad.dtype === 'i32') throw new DTypeError(`clipGradValue: gradient ${index} has dtype i32; expected f32 or f64`);
    const values = readElements(grad);
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      if (value > clip) values[i] = clip;
      else if (value < -clip) values[i] = -clip;
    }
    param.grad = writeBack(grad, values);
  });
}
