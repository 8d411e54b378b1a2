import { Tensor } from './tensor';

/**
 * Tells whether a value is a tensor (Scheme `tensor?`).
 *
 * @param value - Anything.
 * @returns `true` for tensors.
 *
 * @example
 * ```ts
 * import { isTensor, tensor } from '@nanograd/autograd';
 * isTensor(tensor([1])); // true
 * ```
 * @category Tensor
 */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

/**
 * Tells whether a value is a float32 tensor (Scheme `tensor32?`).
 *
 * @param value - Anything.
 * @returns `true` for `f32` tensors.
 *
 * @example
 * ```ts
 * import { isTensor32, tensor32 } from '@nanograd/autograd';
 * isTensor32(tensor32([1])); // true
 * ```
 * @category Tensor
 */
export function isTensor32(value: unknown): value is Tensor {
  return value instanceof Tensor && value.dtype === 'f32';
}

/**
 * Tells whether a value is a float64 tensor (Scheme `tensor64?`).
 *
 * @param value - Anything.
 * @returns `true` for `f64` tensors.
 *
 * @example
 * ```ts
 * import { isTensor64, tensor64 } from '@nanograd/autograd';
 * isTensor64(tensor64([1])); // true
 * ```
 * @category Tensor
 */
export function isTensor64(value: unknown): value is Tensor {
  return value instanceof Tensor && value.dtype === 'f64';
}
