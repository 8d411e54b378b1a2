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
  /**
   * The allocating backend's identity while the buffer is live, null once freed.
   * @internal Bookkeeping of the backend (plain fields: weak collections made every garbage collection slower).
   */
  owner: object | null = null;
  /** @internal True while a reused block still owes its zero fill. */
  unzeroed: boolean = false;
  /** @internal A stand-in allocation that makes the garbage collector feel the block's size. */
  pressure: ArrayBuffer | null = null;

  /** Describes a block the backend has allocated; user code gets buffers from `backend.alloc`. */
  constructor(dtype: DType, size: number, byteOffset: number) {
    this.dtype = dtype;
    this.size = size;
    this.byteOffset = byteOffset;
  }
}
