// Splits large GEMMs between the calling thread and workers that share the backend's WebAssembly memory: C is cut
// into bands of columns (or rows) that the threads take from a shared counter, each packing into its own scratch,
// so a thread slowed down by other load takes fewer bands; calls below a size threshold stay on the calling thread.
// Range jobs split other kernels (im2col/col2im by images, element-wise ops by rows or elements) the same way.
// Synchronisation is a sequence number per worker plus a spin (waking a sleeping worker costs ~45 µs, a spinning
// one ~3 µs), so cheap range jobs are split only while the workers still spin from the last job.
import { BackendError } from '../../errors';
import { CONTROL_BYTES, gemmWorkerMain, RANGE_ARGUMENTS, type GemmWorkerInit } from './gemm-worker-main';
import type { KernelsExports } from './wasm-module';

/** A started worker, whatever the platform (worker_threads in Node, Web Workers in browsers). */
export interface SpawnedWorker {
  /** Resolves once the worker has instantiated the module; rejects if it fails to start. */
  readonly ready: Promise<void>;
  terminate(): void;
}

/** Starts a worker that runs `source` (a script calling the worker main) with `init`. */
export type WorkerSpawner = (source: (platformGlue: string) => string, init: GemmWorkerInit) => SpawnedWorker;

/** Source text of a worker: the platform glue receives `init` and calls `main(init, ready)`. */
export function workerSource(platformGlue: string): string {
  // Transpilers with keepNames (esbuild's CJS output, for one) wrap nested functions in __name(): give it a no-op.
  return `var __name = (target) => target;\nconst main = ${String(gemmWorkerMain)};\n${platformGlue}`;
}

/** How long workers and the caller spin before sleeping: long enough to span the other ops between two products of a training step. */
const SPIN_MS = 1;
/** Column bands are multiples of the f32 register tile width; row bands of the f64 tile height. */
const COLUMN_ALIGN = 16;
const ROW_ALIGN = 4;
/** Bands per thread when the product is large enough: more balance under load, but each band repacks A (or B). */
const BANDS_PER_THREAD = 3;
/** Narrowest band worth its own packing of the other operand. */
const MIN_BAND = 64;
/** Bytes reserved for a B packed once and shared by row bands (op(B) up to 1M floats, e.g. 1024 x 1024). */
const SHARED_PACK_BYTES = 4 << 20;
/** Fewest rows of C for the shared-B row split (below it, column bands re-pack only a small A). */
const SHARED_PACK_MIN_ROWS = 96;
/** Columns of B per packing chunk the threads take from the shared counter (a multiple of the sliver width). */
const PACK_CHUNK_COLUMNS = 64;

interface Lane {
  readonly worker: SpawnedWorker;
  readonly words: Int32Array;
  readonly floats: Float64Array;
  /** A range job's arguments, then (from RANGE_ARGUMENTS on) their steps. */
  readonly values: Float64Array;
  readonly work: number;
  sequence: number;
  ready: boolean;
}

/** The arguments of one sgemm/dgemm call (alpha 1, beta 0 as the matmul kernel uses them). */
export interface GemmCall {
  readonly single: boolean;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly a: number;
  readonly lda: number;
  readonly b: number;
  readonly ldb: number;
  readonly c: number;
  readonly ldc: number;
}

/** Exports a range job can run: every call of them is split along one range (images, rows or elements). */
export const RANGE_KERNELS: readonly string[] = [
  'sgemm', 'dgemm', 'im2colF32', 'im2colF64', 'col2imF32', 'col2imF64', 'unaryF32', 'unaryF64', 'binaryRowsF32', 'binaryRowsF64',
  'maxPoolIndexF32', 'maxPoolIndexF64', 'adamStepF32', 'adamStepF64', 'sgemmBatch', 'dgemmBatch',
];

/**
 * One call of a RANGE_KERNELS export that threads may split: `args` as for one thread, argument `sizeAt` holds the
 * extent of the range, and argument i moves by `steps[i]` (bytes for addresses, 0 if fixed) per unit of it. `cost`
 * estimates the work in element operations; `align` is the band granularity in units (64-byte output lines).
 * Argument `workAt`, if given, is a GEMM scratch block: each worker passes its own instead.
 */
export interface RangeCall {
  readonly kernel: string;
  readonly args: readonly number[];
  readonly sizeAt: number;
  readonly steps: readonly number[];
  readonly cost: number;
  readonly align: number;
  readonly workAt?: number;
}

/** Runs `call` on this thread alone. */
export function runRange(exports: KernelsExports, call: RangeCall): void {
  (exports[call.kernel as keyof KernelsExports] as unknown as (...args: number[]) => void)(...call.args);
}

/** Cost from which a range job is split even when the workers sleep (waking one costs ~45 µs). */
const COLD_RANGE_COST = 1 << 19;
/** Cost from which a range job is split while the workers still spin from the last job (~3 µs to start). */
const AWAKE_RANGE_COST = 1 << 16;

let canWait: boolean | undefined;
/** Atomics.wait throws on a browser's main thread: probe once. */
function waitAllowed(): boolean {
  if (canWait === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      canWait = true;
    } catch {
      canWait = false;
    }
  }
  return canWait;
}

/** A pool of `workers` GEMM workers over one shared memory; `threshold` is the smallest m·n·k that is split. */
export class GemmPool {
  private readonly lanes: Lane[] = [];
  private readonly exports: KernelsExports;
  private readonly threshold: number;
  /** Shared counters: 0 the next band, 1 the next B packing chunk, 2 the packing chunks done. */
  private readonly counter: Int32Array;
  private readonly packed: number;
  private disposed = false;
  private readonly spinMilliseconds: number;
  private lastJobEnd = -Infinity;

  constructor(
    exports: KernelsExports, module: WebAssembly.Module, spawn: WorkerSpawner, workers: number, threshold: number,
    allocate: (bytes: number) => number, spinMilliseconds: number = SPIN_MS,
  ) {
    this.spinMilliseconds = spinMilliseconds;
    this.exports = exports;
    this.threshold = threshold;
    const workBytes = Math.max(Number(exports.SGEMM_WORK_BYTES.value), Number(exports.DGEMM_WORK_BYTES.value));
    const counter = allocate(16);
    this.counter = new Int32Array(exports.memory.buffer, counter, 3);
    this.packed = allocate(SHARED_PACK_BYTES);
    for (let index = 0; index < workers; index++) {
      const control = allocate(CONTROL_BYTES);
      const work = allocate(workBytes);
      const worker = spawn(workerSource, { module, memory: exports.memory, control, counter, spinMs: spinMilliseconds, rangeKernels: RANGE_KERNELS });
      const lane: Lane = {
        worker,
        words: new Int32Array(exports.memory.buffer, control, 24),
        floats: new Float64Array(exports.memory.buffer, control + 96, 2),
        values: new Float64Array(exports.memory.buffer, control + 128, 2 * RANGE_ARGUMENTS),
        work,
        sequence: 0,
        ready: false,
      };
      worker.ready.then(() => {
        lane.ready = true;
      }, () => undefined);
      this.lanes.push(lane);
    }
  }

  /** Threads that take part in a split GEMM (the caller included). */
  get threads(): number {
    return this.lanes.length + 1;
  }

  /** Resolves once every worker has started. */
  async ready(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.ready));
  }

  /** Runs `call` split across the ready workers, or entirely on this thread below the threshold. */
  gemm(call: GemmCall, work: number): void {
    const lanes = this.disposed || call.m * call.n * call.k < this.threshold ? [] : this.lanes.filter((lane) => lane.ready);
    const byColumns = call.n >= call.m;
    const extent = byColumns ? call.n : call.m;
    const align = byColumns ? COLUMN_ALIGN : ROW_ALIGN;
    const parts = Math.min(lanes.length + 1, Math.ceil(extent / align));
    if (parts <= 1) {
      this.run(call, work);
      return;
    }
    if (this.sharesPackedB(call)) {
      this.gemmSharedB(call, work, lanes.slice(0, Math.min(lanes.length, Math.ceil(call.m / ROW_ALIGN) - 1)));
      return;
    }
    const minimum = Math.max(align, Math.ceil(extent / parts / align) * align);
    const band = Math.max(Math.min(minimum, MIN_BAND), Math.ceil(extent / (parts * BANDS_PER_THREAD) / align) * align);
    // Bands are sgemm/dgemm calls on a slice of C: columns move B and C right, rows move A and C down.
    const bytes = call.single ? 4 : 8;
    const args = gemmArguments(call, work);
    const steps = args.map(() => 0);
    if (byColumns) [steps[8], steps[11]] = [(call.transB ? call.ldb : 1) * bytes, bytes];
    else [steps[6], steps[11]] = [(call.transA ? 1 : call.lda) * bytes, call.ldc * bytes];
    const range: RangeCall = { kernel: call.single ? 'sgemm' : 'dgemm', args, sizeAt: byColumns ? 3 : 2, steps, cost: call.m * call.n * call.k, align, workAt: 13 };
    this.split(range, lanes.slice(0, parts - 1), band);
  }

  /** Runs `call` split across the ready workers when its cost is worth it, else on this thread. */
  range(call: RangeCall): void {
    const extent = call.args[call.sizeAt] as number;
    const worth = call.cost >= Math.min(this.threshold, COLD_RANGE_COST) || (this.awake() && call.cost >= Math.min(this.threshold, AWAKE_RANGE_COST));
    const lanes = this.disposed || !worth || call.args.length > RANGE_ARGUMENTS ? [] : this.lanes.filter((lane) => lane.ready);
    const used = lanes.slice(0, Math.ceil(extent / call.align) - 1);
    if (used.length === 0) {
      runRange(this.exports, call);
      return;
    }
    this.split(call, used, Math.ceil(extent / ((used.length + 1) * BANDS_PER_THREAD) / call.align) * call.align);
  }

  /** Runs bands of `band` units of `call` on this thread and the `used` workers, taken from the shared counter. */
  private split(call: RangeCall, used: readonly Lane[], band: number): void {
    const extent = call.args[call.sizeAt] as number;
    Atomics.store(this.counter, 0, 0);
    for (const lane of used) this.postRange(lane, call, extent, band);
    const args = call.args.slice();
    for (let index = Atomics.add(this.counter, 0, 1); index * band < extent; index = Atomics.add(this.counter, 0, 1)) {
      const start = index * band;
      for (let i = 0; i < args.length; i++) args[i] = (call.args[i] as number) + (call.steps[i] as number) * start;
      args[call.sizeAt] = Math.min(band, extent - start);
      runRange(this.exports, { ...call, args });
    }
    this.finish(used, `a ${call.kernel} worker failed (out-of-bounds access or engine error)`);
  }

  /**
   * Whether `call` splits by rows over one packing of B: at least as many rows as columns (wider products split by
   * columns, re-packing only A: measured faster for 128x784x256), a B that fits, not the dot-product route.
   */
  private sharesPackedB(call: GemmCall): boolean {
    if (!call.single || call.m < SHARED_PACK_MIN_ROWS || call.m < call.n) return false;
    if (this.exports.sgemmUsesDot(call.transA ? 1 : 0, call.transB ? 1 : 0, call.m, call.n, call.k) !== 0) return false;
    return this.exports.sgemmPackedBytes(call.n, call.k) <= SHARED_PACK_BYTES;
  }

  // All threads first pack B's column chunks into the shared buffer, wait until every chunk is in, then take row
  // bands that each pack only their own rows of A: no operand is packed twice.
  private gemmSharedB(call: GemmCall, work: number, used: readonly Lane[]): void {
    const threads = used.length + 1;
    const band = Math.max(ROW_ALIGN, Math.ceil(call.m / (threads * BANDS_PER_THREAD) / ROW_ALIGN) * ROW_ALIGN);
    const bands = Math.ceil(call.m / band);
    const chunks = Math.ceil(call.n / PACK_CHUNK_COLUMNS);
    const { counter, exports, packed } = this;
    Atomics.store(counter, 0, 0);
    Atomics.store(counter, 1, 0);
    Atomics.store(counter, 2, 0);
    for (const lane of used) this.post(lane, call, band, bands, chunks);
    const transB = call.transB ? 1 : 0;
    for (let index = Atomics.add(counter, 1, 1); index < chunks; index = Atomics.add(counter, 1, 1)) {
      exports.sgemmPackB(transB, call.n, call.k, call.b, call.ldb, packed, index * PACK_CHUNK_COLUMNS, (index + 1) * PACK_CHUNK_COLUMNS);
      Atomics.add(counter, 2, 1);
    }
    // A chunk taken by a worker is being packed right now: the wait is short.
    while (Atomics.load(counter, 2) < chunks);
    const transA = call.transA ? 1 : 0;
    const aRow = call.transA ? 4 : call.lda * 4;
    for (let index = Atomics.add(counter, 0, 1); index < bands; index = Atomics.add(counter, 0, 1)) {
      const start = index * band;
      const rows = Math.min(band, call.m - start);
      exports.sgemmPacked(transA, rows, call.n, call.k, 1, call.a + start * aRow, call.lda, packed, 0, call.c + start * call.ldc * 4, call.ldc, work);
    }
    this.finish(used, 'a GEMM worker failed (out-of-bounds access or engine error)');
  }

  /** Tells the workers to exit and terminates them; later calls run on this thread. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const lane of this.lanes) {
      lane.words[2] = -1;
      Atomics.store(lane.words, 0, ++lane.sequence);
      Atomics.notify(lane.words, 0);
      lane.worker.terminate();
    }
  }

  private run(call: GemmCall, work: number): void {
    (call.single ? this.exports.sgemm : this.exports.dgemm)(...gemmArguments(call, work));
  }

  /** Posts a shared-B job: pack B's chunks first, then row bands over it. */
  private post(lane: Lane, call: GemmCall, band: number, bands: number, chunks: number): void {
    const { words, floats } = lane;
    words[2] = 0;
    words[3] = 0;
    words[4] = call.transA ? 1 : 0;
    words[5] = call.transB ? 1 : 0;
    words[6] = call.m;
    words[7] = call.n;
    words[8] = call.k;
    words[9] = call.a;
    words[10] = call.lda;
    words[11] = call.b;
    words[12] = call.ldb;
    words[13] = call.c;
    words[14] = call.ldc;
    words[15] = lane.work;
    words[17] = call.m;
    words[18] = band;
    words[19] = bands;
    words[20] = chunks;
    words[21] = this.packed;
    words[22] = PACK_CHUNK_COLUMNS;
    floats[0] = 1;
    floats[1] = 0;
    // The sequentially consistent store publishes the plain writes above.
    words[23] = lane.sequence + 1;
    Atomics.store(words, 0, ++lane.sequence);
    Atomics.notify(words, 0);
  }

  // Range jobs: see the control block layout in gemm-worker-main.ts.
  private postRange(lane: Lane, call: RangeCall, extent: number, band: number): void {
    const { words, values } = lane;
    words[2] = 2;
    words[3] = 0;
    words[4] = RANGE_KERNELS.indexOf(call.kernel);
    words[5] = call.args.length;
    words[6] = call.sizeAt;
    words[7] = extent;
    words[8] = band;
    words[9] = call.workAt ?? -1;
    words[15] = lane.work;
    values.set(call.args, 0);
    values.set(call.steps, RANGE_ARGUMENTS);
    words[23] = lane.sequence + 1;
    Atomics.store(words, 0, ++lane.sequence);
    Atomics.notify(words, 0);
  }

  /** Waits for the lanes' current jobs, noting when the workers were last busy; throws if one failed. */
  // A worker that has not claimed its job by now (asleep, or descheduled on a busy machine) is not waited for: the
  // job is withdrawn, since this thread has taken every band, and the workers count as asleep.
  private finish(used: readonly Lane[], failure: string): void {
    let failed = false;
    let withdrawn = false;
    for (const lane of used) {
      if (Atomics.compareExchange(lane.words, 23, lane.sequence, 0) === lane.sequence) withdrawn = true;
      else failed = this.await(lane) || failed;
    }
    this.lastJobEnd = withdrawn ? -Infinity : performance.now();
    if (failed) throw new BackendError(`wasm: ${failure}`);
  }

  /** Whether the workers probably still spin after their last job (so a new one starts in microseconds). */
  private awake(): boolean {
    return performance.now() - this.lastJobEnd < this.spinMilliseconds * 0.75;
  }

  /** Waits for the lane's current job; returns true if it failed. */
  private await(lane: Lane): boolean {
    const { words } = lane;
    const start = performance.now();
    let spins = 0;
    while (Atomics.load(words, 1) !== lane.sequence) {
      if (++spins % 256 === 0 && performance.now() - start > this.spinMilliseconds && waitAllowed()) {
        Atomics.wait(words, 1, Atomics.load(words, 1), 1);
      }
    }
    return words[3] !== 0;
  }
}

/** sgemm/dgemm arguments of `call` (alpha 1, beta 0) with `work` as scratch. */
function gemmArguments(call: GemmCall, work: number): [number, number, number, number, number, number, number, number, number, number, number, number, number, number] {
  return [call.transA ? 1 : 0, call.transB ? 1 : 0, call.m, call.n, call.k, 1, call.a, call.lda, call.b, call.ldb, 0, call.c, call.ldc, work];
}
