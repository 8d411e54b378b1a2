// Composite float-only ops check the dtype themselves, so the error names them rather than an inner op.
import { DTypeError } from '@nanograd/kernels';
import type { Tensor } from '../tensor';

/** Throws a `DTypeError` naming `name` when `x` is an integer tensor. */
export function assertFloat(name: string, x: Tensor): void {
  if (x.dtype === 'i32') throw new DTypeError(`${name}: needs a float tensor (got i32)`);
}
