// The body of a GEMM worker, shipped to the worker as source text (`String(gemmWorkerMain)`), so it must stay
// self-contained: no imports, no closures, numbers written out. Layout of the control block (Int32 words):
// 0 job sequence, 1 done sequence, 2 op (0 shared-B sgemm, 2 a range job, -1 exit), 3 error flag, 23 the job's
// claim (its sequence while unclaimed, negated once the worker takes it, 0 once the caller withdraws it).
// Shared-B sgemm: 4..15 transA transB m n k a lda b ldb c ldc work, 17 rows, 18 band height, 19 band count, 20 chunks
// of B to pack first, 21 address of the shared packed B, 22 columns per packing chunk; the float64 at byte 96 is
// alpha, at byte 104 beta. Threads take bands (counter word 0) and packing chunks (word 1, with word 2 counting the
// chunks done) from shared counters. A range job (plain GEMM bands included) calls one export (word 4: its index in
// `rangeKernels`) on bands of a range: word 5 is its argument count, 6 the argument that receives a band's size, 7
// the extent, 8 the band width, 9 the argument that receives the worker's own GEMM scratch (word 15; -1 for none);
// the float64s from byte 128 are its arguments (up to 24), those from byte 320 how far each argument moves per unit
// of the range (addresses in bytes, 0 for fixed ones).

/** What a worker is started with: the compiled shared-memory module, the memory itself and its control block. */
export interface GemmWorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Byte address of this worker's control block (CONTROL_BYTES, 8-byte aligned) in `memory`. */
  readonly control: number;
  /** Byte address of the pool's three Int32 counters: next band, next packing chunk, packing chunks done. */
  readonly counter: number;
  /** How long the worker spins for the next job before it sleeps in Atomics.wait. */
  readonly spinMs: number;
  /** Exports a range job may name, by index. */
  readonly rangeKernels: readonly string[];
}

/** Bytes of one worker's control block: 128 of words and alpha/beta, then 24 float64 arguments and 24 steps. */
export const CONTROL_BYTES = 512;

/** Most arguments of a range job's kernel. */
export const RANGE_ARGUMENTS = 24;

/** Runs jobs posted through the control block until told to exit; calls `ready` once instantiated. */
export function gemmWorkerMain(init: GemmWorkerInit, ready: () => void): void {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const kernels = instance.exports as unknown as Record<string, (...args: number[]) => void>;
  // The control block lies below every later allocation, so this first view of the growable buffer always covers it.
  const words = new Int32Array(init.memory.buffer, init.control, 24);
  const floats = new Float64Array(init.memory.buffer, init.control + 96, 2);
  const values = new Float64Array(init.memory.buffer, init.control + 128, 48);
  const counter = new Int32Array(init.memory.buffer, init.counter, 3);
  ready();
  let seen = 0;
  for (;;) {
    const start = performance.now();
    let spins = 0;
    while (Atomics.load(words, 0) === seen) {
      if (++spins % 256 === 0 && performance.now() - start > init.spinMs) Atomics.wait(words, 0, seen);
    }
    seen = Atomics.load(words, 0);
    const op = words[2];
    if (op < 0) return;
    // Claim the job (word 23 holds its sequence until claimed); a caller that finished every band first took it back.
    if (Atomics.compareExchange(words, 23, seen, -seen) !== seen) continue;
    try {
      if (op === 2) runRange();
      else runSharedGemm();
    } catch {
      words[3] = 1;
      // Release any thread waiting for this worker's packing chunk; the caller then reports the failure.
      Atomics.store(counter, 2, 0x3fffffff);
    }
    Atomics.store(words, 1, seen);
    Atomics.notify(words, 1);
  }

  function runRange(): void {
    const kernel = kernels[init.rangeKernels[words[4] as number] as string] as (...args: number[]) => void;
    const [count = 0, sizeAt = 0, extent = 0, band = 0, workAt = -1] = words.subarray(5, 10);
    const base = Array.from(values.subarray(0, count));
    if (workAt >= 0) base[workAt] = words[15] as number;
    const steps = Array.from(values.subarray(24, 24 + count));
    const args = base.slice();
    for (let index = Atomics.add(counter, 0, 1); index * band < extent; index = Atomics.add(counter, 0, 1)) {
      const start = index * band;
      for (let i = 0; i < count; i++) args[i] = (base[i] as number) + (steps[i] as number) * start;
      args[sizeAt] = Math.min(band, extent - start);
      kernel(...args);
    }
  }

  // Shared-B GEMM (op 0): pack B's chunks, wait until all are in, then take row bands over the packed B.
  function runSharedGemm(): void {
    const [transA, transB, , n, k, a, lda, b, ldb, c, ldc, work] = words.subarray(4, 16);
    const [extent, band, bands, chunks, packed, chunkColumns] = words.subarray(17, 23);
    for (let index = Atomics.add(counter, 1, 1); index < chunks; index = Atomics.add(counter, 1, 1)) {
      kernels.sgemmPackB(transB, n, k, b, ldb, packed, index * chunkColumns, (index + 1) * chunkColumns);
      Atomics.add(counter, 2, 1);
    }
    while (Atomics.load(counter, 2) < chunks);
    for (let index = Atomics.add(counter, 0, 1); index < bands; index = Atomics.add(counter, 0, 1)) {
      const start = index * band;
      const size = Math.min(band, extent - start);
      kernels.sgemmPacked(transA, size, n, k, floats[0], a + start * (transA ? 1 : lda) * 4, lda, packed, floats[1], c + start * ldc * 4, ldc, work);
    }
  }
}
