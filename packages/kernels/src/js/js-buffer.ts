import type { DeviceBuffer } from '../backend';
import { dtypeOf, type DType, type TypedArray } from '../dtype';

/**
 * A buffer of the reference JS backend: a plain typed array, reclaimed by garbage collection.
 *
 * @example
 * ```ts
 * import { JsBuffer } from '@nanograd/kernels';
 * const buffer = new JsBuffer(new Float32Array([1, 2, 3]));
 * buffer.dtype; // 'f32'
 * buffer.size; // 3
 * ```
 * @category Backend
 */
export class JsBuffer implements DeviceBuffer {
  /** Always `'js'`. */
  readonly backend: string = 'js';
  /** Element type, derived from the array. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** The storage itself; kernels read and write it in place. */
  readonly data: TypedArray;

  /** Wraps `data` (not copied) as a buffer of its dtype and length. */
  constructor(data: TypedArray) {
    this.dtype = dtypeOf(data);
    this.size = data.length;
    this.data = data;
  }
}
