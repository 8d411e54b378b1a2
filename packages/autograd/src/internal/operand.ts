// Plain numbers become 0-d tensors of the other operand's dtype, so `mul(x, 2)` keeps x's precision.
import { DTypeError, type DType } from '@nanograd/kernels';
import { fromData } from '../create';
import { Tensor } from '../tensor';

/** Converts a number operand to a 0-d tensor matching `like` (float32 when there is no tensor). */
export function toTensor(name: string, value: Tensor | number, like: Tensor | number): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== 'number') throw new DTypeError(`${name}: expected a Tensor or a number (got ${typeof value})`);
  let dtype: DType = 'f32';
  if (like instanceof Tensor) dtype = like.dtype === 'i32' && !Number.isInteger(value) ? 'f32' : like.dtype;
  return fromData(name, [value], [], dtype, like instanceof Tensor ? like.backend : undefined);
}
