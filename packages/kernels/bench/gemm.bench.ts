// GEMM throughput: the blocked sgemm/dgemm against a naive i-k-j triple loop, both run here after warm-up.
// Run with `pnpm exec tsx bench/gemm.bench.ts` from packages/kernels; prints a markdown table of GFLOP/s.
import { dgemm, sgemm } from '../src/blas/gemm';
import { Random } from '../src/random';

interface Shape {
  m: number;
  k: number;
  n: number;
}

const SHAPES: Shape[] = [
  { m: 128, k: 784, n: 128 },
  { m: 256, k: 256, n: 256 },
  { m: 512, k: 512, n: 512 },
  { m: 1024, k: 1024, n: 1024 },
];

/** Timing budget per measurement (ms): repetitions stop after this much time, within the limits below. */
const BUDGET_MS = 2500;
const MIN_REPS = 3;
const MAX_REPS = 25;

// The honest naive baseline: i-k-j order (contiguous inner loop over B and C rows), accumulating in C's dtype.
function naive32(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
}

// Same loop on Float64Array, kept separate so each baseline stays monomorphic.
function naive64(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
}

/** Runs `fn` MIN_REPS to `maxReps` times within the budget; returns the median and the best time in ms. */
function timeMs(fn: () => void, maxReps: number): { median: number; best: number } {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxReps && (times.length < MIN_REPS || performance.now() - start < BUDGET_MS)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)], best: times[0] };
}

function gflops(shape: Shape, ms: number): number {
  return (2 * shape.m * shape.n * shape.k) / (ms * 1e6);
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

interface Row {
  shape: Shape;
  dtype: string;
  ours: number;
  oursBest: number;
  naive: number;
  diff: number;
}

/** The two kernels on one shape and dtype, writing to separate outputs. */
interface Contestants {
  ours: () => void;
  naive: () => void;
  c: ArrayLike<number>;
  cNaive: ArrayLike<number>;
}

function contestants(shape: Shape, f32: boolean, seed: number): Contestants {
  const { m, n, k } = shape;
  const random = new Random(seed);
  if (f32) {
    const a = random.fillUniform(new Float32Array(m * k), -1, 1);
    const b = random.fillUniform(new Float32Array(k * n), -1, 1);
    const c = new Float32Array(m * n);
    const cNaive = new Float32Array(m * n);
    return {
      ours: () => sgemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n),
      naive: () => naive32(m, n, k, a, b, cNaive),
      c,
      cNaive,
    };
  }
  const a = random.fillUniform(new Float64Array(m * k), -1, 1);
  const b = random.fillUniform(new Float64Array(k * n), -1, 1);
  const c = new Float64Array(m * n);
  const cNaive = new Float64Array(m * n);
  return {
    ours: () => dgemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n),
    naive: () => naive64(m, n, k, a, b, cNaive),
    c,
    cNaive,
  };
}

function benchShape(shape: Shape, f32: boolean): Row {
  const { ours, naive, c, cNaive } = contestants(shape, f32, shape.m * 7 + shape.k * 3 + shape.n);
  ours(); // one more warm-up run on this shape
  const oursMs = timeMs(ours, MAX_REPS);
  naive();
  // The naive 1024³ takes seconds per run: the minimum number of repetitions is enough there.
  const naiveMs = timeMs(naive, shape.m * shape.n * shape.k > 2e8 ? MIN_REPS : MAX_REPS);
  return {
    shape,
    dtype: f32 ? 'f32' : 'f64',
    ours: gflops(shape, oursMs.median),
    oursBest: gflops(shape, oursMs.best),
    naive: gflops(shape, naiveMs.median),
    diff: maxAbsDiff(c, cNaive),
  };
}

// Let every kernel reach optimized code on mid-sized problems first (the first calls run ~8x slower); k = 300 > KC
// also exercises the accumulate-onto-C branch of the write-back, so no deoptimization happens while timing.
function warmUp(): void {
  for (const f32 of [true, false]) {
    for (const size of [64, 300]) {
      const { ours, naive } = contestants({ m: size, k: size, n: size }, f32, 1);
      for (let rep = 0; rep < 10; rep++) {
        ours();
        naive();
      }
    }
  }
}

function main(): void {
  const nodeVersion = (globalThis as { process?: { version?: string } }).process?.version ?? 'unknown';
  console.log(`# GEMM benchmark (Node ${nodeVersion}, one thread)\n`);
  console.log(
    'GFLOP/s = 2·m·n·k / time after warm-up, one thread; naive = i-k-j triple loop accumulating in the output ' +
      'dtype, run in the same process; max |diff| compares the two outputs.\n',
  );
  warmUp();
  const rows: Row[] = [];
  for (const shape of SHAPES) for (const f32 of [true, false]) rows.push(benchShape(shape, f32));
  console.log(
    '| m x k x n | dtype | gemm GFLOP/s (median) | gemm (best) | naive i-k-j (median) | speed-up | max \\|diff\\| |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const { m, k, n } = row.shape;
    console.log(
      `| ${m} x ${k} x ${n} | ${row.dtype} | ${row.ours.toFixed(2)} | ${row.oursBest.toFixed(2)} | ` +
        `${row.naive.toFixed(2)} | ` +
        `${(row.ours / row.naive).toFixed(1)}x | ${row.diff.toExponential(1)} |`,
    );
  }
}

main();
