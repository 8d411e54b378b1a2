import type { Backend } from '../backend';
import { dtypeOf, type DType, type TypedArray } from '../dtype';
import { BackendError, DTypeError, ShapeError } from '../errors';
import { assertSize } from '../internal/validate';
import type { WasmContext } from './internal/wasm-context';
import { WasmHeap } from './internal/wasm-heap';
import { createWasmKernels, foreignBuffer } from './internal/wasm-kernels';
import { loadKernels, loadKernelsSync, type KernelsExports } from './internal/wasm-module';
import { WasmBuffer } from './wasm-buffer';

const BYTES: Record<DType, number> = { f32: 4, f64: 8, i32: 4 };

/** What the finalizer needs to return a collected buffer's block to the heap. */
interface Block {
  readonly address: number;
  readonly bytes: number;
}

// Below this a buffer's JS object is pressure enough; above it the untouched ArrayBuffer costs address space only.
const PRESSURE_MIN_BYTES = 65536;

function build(exports: KernelsExports): Backend<WasmBuffer> {
  const heap = new WasmHeap(exports.memory, exports.heapBase());
  const live = new WeakSet<WasmBuffer>();
  // Buffers dropped without `free` give their block back when collected.
  const registry = new FinalizationRegistry<Block>((block) => heap.release(block.address, block.bytes));
  // V8 cannot see wasm memory, so a large buffer carries an untouched ArrayBuffer of its size: the engine counts it
  // as external memory and collects dead tensors (whose blocks the registry then releases) before memory runs out.
  const pressure = new WeakMap<WasmBuffer, ArrayBuffer>();
  const workBytes = Math.max(Number(exports.SGEMM_WORK_BYTES.value), Number(exports.DGEMM_WORK_BYTES.value));
  const work = heap.allocate(workBytes);

  const own = (kernel: string, name: string, buffer: { readonly backend: string }): WasmBuffer => {
    if (!(buffer instanceof WasmBuffer)) throw foreignBuffer(kernel, name, buffer);
    if (!live.has(buffer)) {
      throw new BackendError(`wasm: buffer passed to ${kernel} as ${name} was freed or belongs to another wasm backend`);
    }
    return buffer;
  };

  const array = (buffer: WasmBuffer): TypedArray => {
    const memory = heap.memory.buffer;
    switch (buffer.dtype) {
      case 'f32':
        return new Float32Array(memory, buffer.byteOffset, buffer.size);
      case 'f64':
        return new Float64Array(memory, buffer.byteOffset, buffer.size);
      default:
        return new Int32Array(memory, buffer.byteOffset, buffer.size);
    }
  };

  const context: WasmContext = { exports, heap, work, array };

  return {
    name: 'wasm',
    alloc(dtype, size) {
      assertSize('alloc', 'size', size);
      if (BYTES[dtype] === undefined) throw new DTypeError(`wasm: alloc of unknown dtype '${String(dtype)}'`);
      const bytes = size * BYTES[dtype];
      const address = heap.allocate(bytes);
      const buffer = new WasmBuffer(dtype, size, address);
      live.add(buffer);
      registry.register(buffer, { address, bytes }, buffer);
      if (bytes >= PRESSURE_MIN_BYTES) pressure.set(buffer, new ArrayBuffer(bytes));
      return buffer;
    },
    write(target, source, targetOffset = 0) {
      const buffer = own('write', 'target', target);
      const dtype = dtypeOf(source);
      if (dtype !== buffer.dtype) {
        throw new DTypeError(`wasm: write of ${dtype} data into a ${buffer.dtype} buffer`);
      }
      if (!Number.isInteger(targetOffset) || targetOffset < 0 || targetOffset + source.length > buffer.size) {
        throw new ShapeError(
          `wasm: write of ${source.length} elements at offset ${targetOffset} does not fit a buffer of ${buffer.size}`,
        );
      }
      array(buffer).set(source, targetOffset);
    },
    view(buffer) {
      return array(own('view', 'buffer', buffer));
    },
    async read(buffer) {
      return array(own('read', 'buffer', buffer)).slice();
    },
    free(buffer) {
      const owned = own('free', 'buffer', buffer);
      live.delete(owned);
      registry.unregister(owned);
      pressure.delete(owned);
      heap.release(owned.byteOffset, owned.size * BYTES[owned.dtype]);
    },
    kernels: createWasmKernels(context, own),
  };
}

/**
 * Creates the WebAssembly SIMD backend: buffers live in the backend's own linear memory, matmul runs a packed,
 * cache-blocked f32x4 / f64x2 GEMM, and contiguous element-wise ops and row sums run SIMD loops; every other kernel
 * (and every other layout) runs the JS reference kernels on views of that memory.
 *
 * @remarks
 * Compiles the embedded module once per process and instantiates it once per backend. `view` returns a fresh typed
 * array on each call: growing the memory (any `alloc` may) detaches earlier views, so do not keep them across
 * allocations. Buffers are returned to the allocator by `free` or, failing that, when garbage-collected.
 *
 * @returns A promise of a new backend named `'wasm'`.
 * @throws BackendError (as a rejection) If the engine lacks WebAssembly SIMD; check
 *   {@link wasmSimdSupported} first to fall back to the JS backend.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@nanograd/kernels/wasm';
 * const backend = await createWasmBackend();
 * const x = backend.alloc('f32', 3);
 * backend.write(x, new Float32Array([1, 4, 9]));
 * const view = { buffer: x, shape: [3], strides: [1], offset: 0 };
 * backend.kernels.unary('sqrt', view, view);
 * backend.view(x); // Float32Array [1, 2, 3]
 * ```
 * @category Backend
 */
export async function createWasmBackend(): Promise<Backend<WasmBuffer>> {
  return build(await loadKernels('createWasmBackend'));
}

/**
 * Creates the WebAssembly SIMD backend synchronously, like {@link createWasmBackend}.
 *
 * @remarks
 * Synchronous compilation works in Node and in workers; browsers refuse it on the main thread for modules over
 * 4 KiB, so use {@link createWasmBackend} there.
 *
 * @returns A new backend named `'wasm'`.
 * @throws BackendError If the engine lacks WebAssembly SIMD.
 *
 * @example
 * ```ts
 * import { createWasmBackendSync } from '@nanograd/kernels/wasm';
 * const backend = createWasmBackendSync();
 * backend.name; // 'wasm'
 * ```
 * @category Backend
 */
export function createWasmBackendSync(): Backend<WasmBuffer> {
  return build(loadKernelsSync('createWasmBackendSync'));
}
