import type { DeviceBuffer } from '../backend';
import type { DType } from '../dtype';

/**
 * A buffer of the WASM backend: `size` elements of `dtype` at byte address `byteOffset` of the backend's linear
 * memory. Reclaimed by `backend.free` or, failing that, once it is garbage-collected.
 *
 * @remarks
 * Only the backend that allocated a buffer may use it: each WASM backend has its own memory.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@nanograd/kernels/wasm';
 * const backend = await createWasmBackend();
 * const buffer = backend.alloc('f32', 4);
 * buffer.size; // 4
 * ```
 * @category Backend
 */
export class WasmBuffer implements DeviceBuffer {
  /** Always `'wasm'`. */
  readonly backend: string = 'wasm';
  /** Element type. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** Byte address of the first element in the backend's linear memory (64-byte aligned). */
  readonly byteOffset: number;

  /** Describes a block the backend has allocated; user code gets buffers from `backend.alloc`. */
  constructor(dtype: DType, size: number, byteOffset: number) {
    this.dtype = dtype;
    this.size = size;
    this.byteOffset = byteOffset;
  }
}
