import type { Backend } from '../backend';
import { dtypeOf, type DType, type TypedArray } from '../dtype';
import { BackendError, DTypeError, ShapeError } from '../errors';
import { assertSize } from '../internal/validate';
import { isContiguous } from '../shape';
import { browserWorkerSpawner } from './internal/browser-worker-spawner';
import { GemmPool, runRange, type WorkerSpawner } from './internal/gemm-pool';
import type { WasmContext } from './internal/wasm-context';
import { WasmHeap } from './internal/wasm-heap';
import { createWasmKernels, foreignBuffer, type PendingZero } from './internal/wasm-kernels';
import { createSharedMemory, loadKernels, loadKernelsSync, type KernelsVariant, type LoadedKernels } from './internal/wasm-module';
import { WasmBuffer } from './wasm-buffer';
import { wasmRelaxedSimdSupported } from './wasm-relaxed-simd-supported';

const BYTES: Record<DType, number> = { f32: 4, f64: 8, i32: 4 };

/** What the finalizer needs to return a collected buffer's block to the heap. */
interface Block {
  readonly address: number;
  readonly bytes: number;
}

// Below this a buffer's JS object is pressure enough; above it the untouched ArrayBuffer costs address space only.
const PRESSURE_MIN_BYTES = 65536;
/**
 * The stand-in ArrayBuffer is this many times smaller than its block: the engine zero-fills it (a full-size one cost
 * as much as the kernels' own writes), and an eighth still gets dead tensors collected while the heap stays bounded.
 */
const PRESSURE_DIVISOR = 8;

/**
 * Smallest m·n·k split across threads by default. A lone product pays off from about 96³ with spinning workers; with
 * workers that spin 1 ms after each job they are still awake for the next product of a training step (a 0.2 ms spin
 * let them sleep, and splitting the GPT's 256x256x64 products then made its step ~35% slower; now ~15% faster).
 */
const DEFAULT_PARALLEL_THRESHOLD = 100 * 100 * 100;

/**
 * Options of {@link createWasmBackend} and {@link createWasmBackendSync}.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@nanograd/kernels/wasm';
 * const backend = await createWasmBackend({ threads: 1, relaxedSimd: false });
 * backend.threads; // 1
 * ```
 * @category Backend
 */
export interface WasmBackendOptions {
  /**
   * Threads that share a large matmul (the calling one included). Default: the number of cores, at most 2.
   * More than one needs SharedArrayBuffer (in browsers a cross-origin-isolated page) and worker support; without
   * them the backend runs on one thread. {@link createWasmBackendSync} always runs on one thread.
   */
  readonly threads?: number;
  /**
   * Use the relaxed-SIMD build (fused multiply-add in matmul: ~25% faster, results may differ from plain SIMD in
   * the last bits). Default: whenever {@link wasmRelaxedSimdSupported} says the engine has it.
   */
  readonly relaxedSimd?: boolean;
  /** Smallest m·n·k of one matrix product that is split across threads (default 100³). */
  readonly parallelThreshold?: number;
  /** How long idle workers (and a caller waiting for them) spin before they sleep, in milliseconds (default 1). */
  readonly spinMilliseconds?: number;
}

/**
 * The WASM backend: a {@link Backend} plus its thread count, instruction set and a way to stop its workers.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@nanograd/kernels/wasm';
 * const backend = await createWasmBackend();
 * backend.threads; // 2 on a machine with two or more cores
 * backend.dispose();
 * ```
 * @category Backend
 */
export interface WasmBackend extends Backend<WasmBuffer> {
  /** Threads that share a large matmul (1 if the backend has no workers). */
  readonly threads: number;
  /** True if the backend runs the relaxed-SIMD build. */
  readonly relaxedSimd: boolean;
  /** Stops the worker threads (they never keep a process alive); the backend keeps working on one thread. */
  dispose(): void;
}

// Workers of backends dropped without `dispose` stop when the backend is collected.
const pools = new FinalizationRegistry<GemmPool>((pool) => pool.dispose());

function build(loaded: LoadedKernels, relaxedSimd: boolean, pool?: (allocate: (bytes: number) => number) => GemmPool): WasmBackend {
  const { exports } = loaded;
  const heap = new WasmHeap(exports.memory, exports.heapBase(), (address, bytes) => exports.zeroBytes(address, bytes));
  // Identifies this backend's live buffers (their `owner`).
  const identity = {};
  // Buffers dropped without `free` give their block back when collected.
  const registry = new FinalizationRegistry<Block>((block) => heap.release(block.address, block.bytes));
  // V8 cannot see wasm memory, so a large buffer carries an untouched ArrayBuffer (an eighth of its size, in its
  // `pressure` field): the engine counts it as external memory and collects dead tensors (whose blocks the registry
  // then releases) in time.
  const workBytes = Math.max(Number(exports.SGEMM_WORK_BYTES.value), Number(exports.DGEMM_WORK_BYTES.value));
  const work = heap.allocate(workBytes);

  // Reused blocks owe their zero fill (`unzeroed`) until first use; a kernel that overwrites a whole buffer cancels it.
  const zeroNow = (buffer: WasmBuffer): void => {
    buffer.unzeroed = false;
    exports.zeroBytes(buffer.byteOffset, buffer.size * BYTES[buffer.dtype]);
  };
  const own = (kernel: string, name: string, buffer: { readonly backend: string }): WasmBuffer => {
    if (!(buffer instanceof WasmBuffer)) throw foreignBuffer(kernel, name, buffer);
    if (buffer.owner !== identity) {
      throw new BackendError(`wasm: buffer passed to ${kernel} as ${name} was freed or belongs to another wasm backend`);
    }
    if (buffer.unzeroed) zeroNow(buffer);
    return buffer;
  };
  const zeroing: PendingZero = {
    skip(out, inputs) {
      const buffer = out.buffer;
      if (!(buffer instanceof WasmBuffer) || !buffer.unzeroed || out.offset !== 0) return false;
      if (inputs.some((input) => input.buffer === buffer) || !isContiguous(out.shape, out.strides)) return false;
      if (out.shape.reduce((product, extent) => product * extent, 1) !== buffer.size) return false;
      buffer.unzeroed = false;
      return true;
    },
    restore: zeroNow,
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

  const gemmPool = pool?.((bytes) => heap.allocate(bytes));
  const gemm: WasmContext['gemm'] =
    gemmPool === undefined
      ? (call) => {
          const kernel = call.single ? exports.sgemm : exports.dgemm;
          kernel(call.transA ? 1 : 0, call.transB ? 1 : 0, call.m, call.n, call.k, 1, call.a, call.lda, call.b, call.ldb, 0, call.c, call.ldc, work);
        }
      : (call) => gemmPool.gemm(call, work);
  const range: WasmContext['range'] = gemmPool === undefined ? (call) => runRange(exports, call) : (call) => gemmPool.range(call);
  const context: WasmContext = { exports, heap, work, array, gemm, range };

  const backend: WasmBackend = {
    name: 'wasm',
    threads: gemmPool?.threads ?? 1,
    relaxedSimd,
    dispose() {
      gemmPool?.dispose();
    },
    alloc(dtype, size) {
      assertSize('alloc', 'size', size);
      if (BYTES[dtype] === undefined) throw new DTypeError(`wasm: alloc of unknown dtype '${String(dtype)}'`);
      const bytes = size * BYTES[dtype];
      const reused = heap.reuse(bytes);
      const address = reused ?? heap.allocate(bytes);
      const buffer = new WasmBuffer(dtype, size, address);
      buffer.owner = identity;
      buffer.unzeroed = reused !== undefined && bytes > 0;
      registry.register(buffer, { address, bytes }, buffer);
      if (bytes >= PRESSURE_MIN_BYTES) buffer.pressure = new ArrayBuffer(Math.ceil(bytes / PRESSURE_DIVISOR));
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
      // A buffer freed before any use needs no zero fill.
      if (buffer instanceof WasmBuffer && buffer.owner === identity) buffer.unzeroed = false;
      const owned = own('free', 'buffer', buffer);
      owned.owner = null;
      registry.unregister(owned);
      owned.pressure = null;
      heap.release(owned.byteOffset, owned.size * BYTES[owned.dtype]);
    },
    kernels: createWasmKernels(context, own, zeroing),
  };
  if (gemmPool !== undefined) pools.register(backend, gemmPool);
  return backend;
}

function chooseRelaxed(options: WasmBackendOptions): boolean {
  return options.relaxedSimd ?? wasmRelaxedSimdSupported();
}

function checkThreads(kernel: string, threads: number | undefined): void {
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    throw new ShapeError(`${kernel}: threads must be a positive integer (got ${threads})`);
  }
}

/** The platform's worker spawner and core count, or undefined where threads cannot share memory. */
async function platformThreads(): Promise<{ spawn: WorkerSpawner; cores: number } | undefined> {
  if (typeof SharedArrayBuffer === 'undefined') return undefined;
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (typeof process?.versions?.node === 'string') {
    try {
      const node = await import('./node/node-worker-spawner');
      return { spawn: node.nodeWorkerSpawner, cores: node.nodeCoreCount() };
    } catch {
      // A bundle or loader that cannot resolve the Node glue runs on one thread.
      return undefined;
    }
  }
  const spawn = browserWorkerSpawner();
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return spawn === undefined ? undefined : { spawn, cores };
}

/**
 * Creates the WebAssembly SIMD backend: buffers live in the backend's own linear memory, matmul runs a packed,
 * cache-blocked f32x4 / f64x2 GEMM, contiguous element-wise ops and reductions run SIMD loops, and dense im2col,
 * col2im, gather, scatterAdd, argmax/argmin and copies, and maxPoolIndex, run in WASM too; every other kernel (and
 * every other layout) runs the JS reference kernels on views of that memory.
 *
 * @remarks
 * Compiles the embedded module once per process and instantiates it once per backend. `view` returns a fresh typed
 * array on each call: growing the memory (any `alloc` may) detaches earlier views (or, for a shared memory, leaves
 * them short of new blocks), so do not keep them across
 * allocations. Buffers are returned to the allocator by `free` or, failing that, when garbage-collected.
 *
 * With `threads` above 1 (the default on multi-core machines) the memory is a shared one and matrix products of at
 * least `parallelThreshold` multiply-adds are split between this thread and worker threads; call `dispose` to stop
 * the workers early (they never keep a Node process alive, and stop when the backend is garbage-collected).
 *
 * @param options - Threads, instruction set and split threshold; see {@link WasmBackendOptions}.
 * @returns A promise of a new backend named `'wasm'`.
 * @throws ShapeError (as a rejection) If `threads` is not a positive integer.
 * @throws BackendError (as a rejection) If `threads` above 1 was asked for and the workers fail to start (the
 *   default falls back to one thread instead).
 * @throws BackendError (as a rejection) If the engine lacks WebAssembly SIMD (or relaxed SIMD when asked for); check
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
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  checkThreads('createWasmBackend', options.threads);
  const spin = options.spinMilliseconds;
  if (spin !== undefined && !(spin >= 0 && spin < Infinity)) {
    throw new RangeError(`createWasmBackend: spinMilliseconds must be a finite number of at least 0 (got ${spin})`);
  }
  const relaxed = chooseRelaxed(options);
  const platform = options.threads === 1 ? undefined : await platformThreads();
  const threads = platform === undefined ? 1 : (options.threads ?? Math.min(2, platform.cores));
  if (platform === undefined || threads <= 1) return build(await loadKernels('createWasmBackend', { relaxed, shared: false }), relaxed);
  const variant: KernelsVariant = { relaxed, shared: true };
  const loaded = await loadKernels('createWasmBackend', variant, createSharedMemory());
  const threshold = options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD;
  let created: GemmPool | undefined;
  const backend = build(loaded, relaxed, (allocate) => {
    created = new GemmPool(loaded.exports, loaded.module, platform.spawn, threads - 1, threshold, allocate, options.spinMilliseconds);
    return created;
  });
  try {
    await created?.ready();
  } catch (error) {
    backend.dispose();
    // Threads asked for explicitly are an error to report; the default quietly falls back to one thread.
    if (options.threads !== undefined) throw new BackendError(`createWasmBackend: worker threads failed to start (${String(error)})`);
    return build(await loadKernels('createWasmBackend', { relaxed, shared: false }), relaxed);
  }
  return backend;
}

/**
 * Creates the WebAssembly SIMD backend synchronously, like {@link createWasmBackend}.
 *
 * @remarks
 * Synchronous compilation works in Node and in workers; browsers refuse it on the main thread for modules over
 * 4 KiB, so use {@link createWasmBackend} there.
 *
 * @param options - As for {@link createWasmBackend}, but `threads` and `parallelThreshold` are ignored: one thread.
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
export function createWasmBackendSync(options: WasmBackendOptions = {}): WasmBackend {
  checkThreads('createWasmBackendSync', options.threads);
  const relaxed = chooseRelaxed(options);
  return build(loadKernelsSync('createWasmBackendSync', { relaxed, shared: false }), relaxed);
}
