// What the WASM kernels share: the module's exports, the heap over its memory, and the GEMM scratch block.
import type { TypedArray } from '../../dtype';
import type { WasmBuffer } from '../wasm-buffer';
import type { GemmCall, RangeCall } from './gemm-pool';
import type { KernelsExports } from './wasm-module';
import type { WasmHeap } from './wasm-heap';

export interface WasmContext {
  readonly exports: KernelsExports;
  readonly heap: WasmHeap;
  /** Address of the packing scratch of sgemm/dgemm (max of SGEMM_WORK_BYTES and DGEMM_WORK_BYTES). */
  readonly work: number;
  /** Runs one sgemm/dgemm (alpha 1, beta 0), split across worker threads when the backend has them. */
  gemm(call: GemmCall): void;
  /** Runs one call of a range kernel (im2col/col2im, element-wise), split across worker threads when worth it. */
  range(call: RangeCall): void;
  /** A fresh typed array over the buffer's elements; valid until the next allocation. */
  array(buffer: WasmBuffer): TypedArray;
}

/** Bytes per element of a dtype. */
export function elementBytes(buffer: WasmBuffer): number {
  return buffer.dtype === 'f64' ? 8 : 4;
}
