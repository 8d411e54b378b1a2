// The body of a GEMM worker, shipped to the worker as source text (`String(gemmWorkerMain)`), so it must stay
// self-contained: no imports, no closures, numbers written out. Layout of the control block (Int32 words):
// 0 job sequence, 1 done sequence, 2 op (0 sgemm, 1 dgemm, -1 exit), 3 error flag, 4..15 integer arguments
// (transA transB m n k a lda b ldb c ldc work), 16 split by columns (1) or rows (0), 17 extent split, 18 band width,
// 19 band count, 20 chunks of B to pack first (0: none, plain bands), 21 address of the shared packed B, 22 columns
// per packing chunk; the float64 at byte 96 is alpha, at byte 104 beta. Threads take bands (counter word 0) and
// packing chunks (word 1, with word 2 counting the chunks done) from shared counters. Op 2 is an image kernel
// (im2col/col2im) over ranges of images: word 4 names it (IMAGE_KERNELS order), 5 and 6 are the image and column
// addresses, 7..22 its integer arguments from the batch on, 23 the images per band, the float64 at byte 96 the pad.

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
}

/** Bytes of one worker's control block. */
export const CONTROL_BYTES = 128;

/** Runs jobs posted through the control block until told to exit; calls `ready` once instantiated. */
export function gemmWorkerMain(init: GemmWorkerInit, ready: () => void): void {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const kernels = instance.exports as unknown as Record<string, (...args: number[]) => void>;
  // The control block lies below every later allocation, so this first view of the growable buffer always covers it.
  const words = new Int32Array(init.memory.buffer, init.control, 24);
  const floats = new Float64Array(init.memory.buffer, init.control + 96, 2);
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
    try {
      if (op === 2) runImages();
      else runGemm(op);
    } catch {
      words[3] = 1;
      // Release any thread waiting for this worker's packing chunk; the caller then reports the failure.
      Atomics.store(counter, 2, 0x3fffffff);
    }
    Atomics.store(words, 1, seen);
    Atomics.notify(words, 1);
  }

  function runImages(): void {
    const code = words[4] as number;
    const kernel = kernels[['im2colF32', 'im2colF64', 'col2imF32', 'col2imF64'][code] as string] as (...args: number[]) => void;
    const bytes = code === 1 || code === 3 ? 8 : 4;
    const shape = Array.from(words.subarray(7, 23));
    const batch = shape[0] as number;
    const band = words[23] as number;
    const imageBytes = (shape[1] as number) * (shape[2] as number) * (shape[3] as number) * bytes;
    const columnBytes = (shape[14] as number) * bytes;
    for (let index = Atomics.add(counter, 0, 1); index * band < batch; index = Atomics.add(counter, 0, 1)) {
      const start = index * band;
      shape[0] = Math.min(band, batch - start);
      const images = (words[5] as number) + start * imageBytes;
      const columns = (words[6] as number) + start * columnBytes;
      // col2im takes the columns first and has no pad value.
      if (code >= 2) kernel(columns, images, ...shape);
      else kernel(images, columns, ...shape, floats[0] as number);
    }
  }

  function runGemm(op: number): void {
    const gemm = op === 0 ? kernels.sgemm : kernels.dgemm;
    const bytes = op === 0 ? 4 : 8;
    const [transA, transB, m, n, k, a, lda, b, ldb, c, ldc, work] = words.subarray(4, 16);
    const [byColumns, extent, band, bands, chunks, packed, chunkColumns] = words.subarray(16, 23);
    if (chunks > 0) {
      for (let index = Atomics.add(counter, 1, 1); index < chunks; index = Atomics.add(counter, 1, 1)) {
        kernels.sgemmPackB(transB, n, k, b, ldb, packed, index * chunkColumns, (index + 1) * chunkColumns);
        Atomics.add(counter, 2, 1);
      }
      while (Atomics.load(counter, 2) < chunks);
    }
    for (let index = Atomics.add(counter, 0, 1); index < bands; index = Atomics.add(counter, 0, 1)) {
      const start = index * band;
      const size = Math.min(band, extent - start);
      if (chunks > 0) {
        kernels.sgemmPacked(transA, size, n, k, floats[0], a + start * (transA ? 1 : lda) * 4, lda, packed, floats[1], c + start * ldc * 4, ldc, work);
      } else if (byColumns === 1) {
        gemm(transA, transB, m, size, k, floats[0], a, lda, b + start * (transB ? ldb : 1) * bytes, ldb, floats[1], c + start * bytes, ldc, work);
      } else {
        gemm(transA, transB, size, n, k, floats[0], a + start * (transA ? 1 : lda) * bytes, lda, b, ldb, floats[1], c + start * ldc * bytes, ldc, work);
      }
    }
  }
}
