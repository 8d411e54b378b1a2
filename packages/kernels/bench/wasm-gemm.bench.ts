// The WASM SIMD backend against the JS backend, through `backend.kernels` on contiguous views: matmul GFLOP/s, and
// ns per element of the element-wise kernels (WASM fast paths and, for comparison, kernels it delegates to JS).
// Run with `pnpm run bench:wasm` from packages/kernels; prints markdown tables (medians after warm-up). The first
// table compares JS, WASM on 1 and 2 threads, relaxed SIMD (in a child node with the flag where this one lacks it)
// and NumPy's sgemm (OpenBLAS) as the ceiling.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Backend, View } from '../src/backend';
import type { FloatDType } from '../src/dtype';
import { createJsBackend } from '../src/js/js-backend';
import { Random } from '../src/random';
import { contiguousStrides } from '../src/shape';
import { createWasmBackend, type WasmBackend } from '../src/wasm/wasm-backend';
import { wasmRelaxedSimdSupported } from '../src/wasm/wasm-relaxed-simd-supported';

/** Timing budget per measurement (ms), within MIN_REPS..MAX_REPS repetitions. */
const BUDGET_MS = 1500;
const MIN_REPS = 5;
const MAX_REPS = 41;

function timeMs(fn: () => void): { median: number; best: number } {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < MAX_REPS && (times.length < MIN_REPS || performance.now() - start < BUDGET_MS)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)], best: times[0] };
}

function upload(backend: Backend, dtype: FloatDType, shape: number[], random: Random, strides?: number[]): View {
  const size = shape.reduce((product, extent) => product * extent, 1);
  const data = random.fillUniform(dtype === 'f32' ? new Float32Array(size) : new Float64Array(size), -1, 1);
  const buffer = backend.alloc(dtype, size);
  backend.write(buffer, data);
  return { buffer, shape, strides: strides ?? contiguousStrides(shape), offset: 0 };
}

/** Runs `make(backend)` on both backends after a warm-up of `warm` calls; returns median and best ms of each. */
function race(backends: Backend[], make: (backend: Backend) => () => void, warm: number): { median: number; best: number }[] {
  return backends.map((backend) => {
    const run = make(backend);
    for (let i = 0; i < warm; i++) run();
    return timeMs(run);
  });
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

const GEMM_SHAPES: [number, number, number, FloatDType][] = [
  [128, 784, 128, 'f32'],
  [512, 512, 512, 'f32'],
  [1024, 1024, 1024, 'f32'],
  [128, 784, 128, 'f64'],
  [512, 512, 512, 'f64'],
];

/** Shapes of the summary table (m x k x n, f32). */
const SUMMARY_SHAPES: [number, number, number][] = [
  [128, 784, 128],
  [512, 512, 512],
];

/** Median and best GFLOP/s of an f32 matmul on `backend` after warm-up. */
function gemmGflops(backend: Backend, [m, k, n]: [number, number, number]): [number, number] {
  const random = new Random(m + k + n);
  const a = upload(backend, 'f32', [m, k], random);
  const b = upload(backend, 'f32', [k, n], random);
  const out = upload(backend, 'f32', [m, n], random);
  const run = (): void => backend.kernels.matmul(a, b, out);
  for (let i = 0; i < 5; i++) run();
  const { median, best } = timeMs(run);
  return [(2 * m * n * k) / (median * 1e6), (2 * m * n * k) / (best * 1e6)];
}

/** GFLOP/s per summary shape of relaxed-SIMD backends on 1 and 2 threads, measured in this process. */
async function relaxedHere(): Promise<[number, number][][]> {
  const rows: [number, number][][] = [];
  for (const threads of [1, 2]) {
    const backend = await createWasmBackend({ relaxedSimd: true, threads });
    rows.push(SUMMARY_SHAPES.map((shape) => gemmGflops(backend, shape)));
    backend.dispose();
  }
  return rows;
}

/** Relaxed-SIMD rows: here if the engine has it, else from a child node with the flag, else null. */
async function relaxedRows(): Promise<[number, number][][] | null> {
  if (wasmRelaxedSimdSupported()) return relaxedHere();
  try {
    const output = execFileSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', fileURLToPath(import.meta.url), '--relaxed-only'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return JSON.parse(output.trim().split('\n').pop() ?? 'null') as [number, number][][] | null;
  } catch {
    return null;
  }
}

/** NumPy float32 matmul GFLOP/s (median, best) per summary shape, or null without python3/numpy. */
function numpyRow(threads: 'all' | 1): [number, number][] | null {
  const script = [
    'import json, time, numpy as np',
    `shapes = ${JSON.stringify(SUMMARY_SHAPES)}`,
    'out = []',
    'for m, k, n in shapes:',
    '    a = np.random.rand(m, k).astype(np.float32); b = np.random.rand(k, n).astype(np.float32)',
    '    for _ in range(5): a @ b',
    '    times = []',
    '    for _ in range(31):',
    '        t = time.perf_counter(); a @ b; times.append(time.perf_counter() - t)',
    '    times.sort(); out.append([2 * m * n * k / times[len(times) // 2] / 1e9, 2 * m * n * k / times[0] / 1e9])',
    'print(json.dumps(out))',
  ].join('\n');
  const env = threads === 1 ? { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } : process.env;
  try {
    return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] })) as [number, number][];
  } catch {
    return null;
  }
}

async function benchSummary(): Promise<void> {
  console.log('## f32 matmul GFLOP/s, median / best after warm-up\n');
  console.log(`| variant | ${SUMMARY_SHAPES.map(([m, k, n]) => `${m} x ${k} x ${n}`).join(' | ')} |`);
  console.log(`|---|${SUMMARY_SHAPES.map(() => '---:').join('|')}|`);
  const print = (name: string, values: [number, number][]): void =>
    console.log(`| ${name} | ${values.map(([median, best]) => `${median.toFixed(1)} / ${best.toFixed(1)}`).join(' | ')} |`);
  print('JS (blocked, one thread)', SUMMARY_SHAPES.map((shape) => gemmGflops(createJsBackend(), shape)));
  for (const threads of [1, 2]) {
    const backend: WasmBackend = await createWasmBackend({ relaxedSimd: false, threads });
    print(`WASM SIMD, ${backend.threads} thread${backend.threads > 1 ? 's' : ''}`, SUMMARY_SHAPES.map((shape) => gemmGflops(backend, shape)));
    backend.dispose();
  }
  const relaxed = await relaxedRows();
  const where = wasmRelaxedSimdSupported() ? '' : ' (child node, --experimental-wasm-relaxed-simd)';
  if (relaxed === null) console.log(`| WASM relaxed SIMD | ${SUMMARY_SHAPES.map(() => 'n/a').join(' | ')} |`);
  else relaxed.forEach((values, index) => print(`WASM relaxed SIMD, ${index + 1} thread${index > 0 ? 's' : ''}${where}`, values));
  for (const threads of [1, 'all'] as const) {
    const values = numpyRow(threads);
    if (values !== null) print(`NumPy sgemm (OpenBLAS, ${threads === 1 ? '1 thread' : 'all cores'})`, values);
  }
  console.log('');
}

function benchGemm(backends: Backend[]): void {
  console.log('## matmul (GFLOP/s = 2·m·n·k / time; one thread)\n');
  console.log('| m x k x n | dtype | JS median | WASM median | WASM best | speed-up | max \\|diff\\| |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const [m, k, n, dtype] of GEMM_SHAPES) {
    const outputs: View[] = [];
    const times = race(backends, (backend) => {
      const random = new Random(m + k + n);
      const a = upload(backend, dtype, [m, k], random);
      const b = upload(backend, dtype, [k, n], random);
      const out = upload(backend, dtype, [m, n], random);
      outputs.push(out);
      return () => backend.kernels.matmul(a, b, out);
    }, 3);
    const flops = 2 * m * n * k;
    const [js, wasm] = times.map((t) => ({ median: flops / (t.median * 1e6), best: flops / (t.best * 1e6) }));
    const diff = maxAbsDiff(backends[0].view(outputs[0].buffer), backends[1].view(outputs[1].buffer));
    console.log(
      `| ${m} x ${k} x ${n} | ${dtype} | ${js.median.toFixed(2)} | ${wasm.median.toFixed(2)} | ${wasm.best.toFixed(2)} | ` +
        `${(wasm.median / js.median).toFixed(1)}x | ${diff.toExponential(1)} |`,
    );
  }
}

const ROWS = 1024;
const COLS = 1024;

/** Element-wise cases on a 1024 x 1024 f32 matrix; `wasm` says whether the WASM backend has a SIMD path for it. */
const ELEMENTWISE: [string, string, (backend: Backend, random: Random) => () => void][] = [
  ['add (contiguous)', 'SIMD', (backend, random) => {
    const [a, b, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    return () => backend.kernels.binary('add', a, b, out);
  }],
  ['add bias row (b strides [0, 1])', 'SIMD', (backend, random) => {
    const [a, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    const bias = upload(backend, 'f32', [COLS], random);
    const b: View = { ...bias, shape: [ROWS, COLS], strides: [0, 1] };
    return () => backend.kernels.binary('add', a, b, out);
  }],
  ['maximum with scalar 0 (relu)', 'SIMD', (backend, random) => {
    const [a, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    const zero = upload(backend, 'f32', [1], random);
    backend.kernels.fill(zero, 0);
    const b: View = { ...zero, shape: [ROWS, COLS], strides: [0, 0] };
    return () => backend.kernels.binary('maximum', a, b, out);
  }],
  ['sqrt', 'SIMD', (backend, random) => {
    const [x, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    return () => backend.kernels.unary('sqrt', x, out);
  }],
  ['sum over last axis', 'SIMD', (backend, random) => {
    const x = upload(backend, 'f32', [ROWS, COLS], random);
    const out = upload(backend, 'f32', [ROWS, 1], random);
    return () => backend.kernels.reduce('sum', x, [1], out);
  }],
  ['add transposed a (strided)', 'JS', (backend, random) => {
    const a = upload(backend, 'f32', [ROWS, COLS], random, [1, ROWS]);
    const [b, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    return () => backend.kernels.binary('add', a, b, out);
  }],
  ['exp', 'SIMD', (backend, random) => {
    const [x, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    return () => backend.kernels.unary('exp', x, out);
  }],
  ['tanh', 'JS', (backend, random) => {
    const [x, out] = [upload(backend, 'f32', [ROWS, COLS], random), upload(backend, 'f32', [ROWS, COLS], random)];
    return () => backend.kernels.unary('tanh', x, out);
  }],
  ['max over last axis', 'SIMD', (backend, random) => {
    const x = upload(backend, 'f32', [ROWS, COLS], random);
    const out = upload(backend, 'f32', [ROWS, 1], random);
    return () => backend.kernels.reduce('max', x, [1], out);
  }],
];

function benchElementwise(backends: Backend[]): void {
  console.log(`\n## element-wise, ${ROWS} x ${COLS} f32 (ns per element, median)\n`);
  console.log('| kernel | WASM path | JS | WASM | speed-up |');
  console.log('|---|---|---:|---:|---:|');
  for (const [name, path, make] of ELEMENTWISE) {
    const [js, wasm] = race(backends, (backend) => make(backend, new Random(5)), 5).map((t) => (t.median * 1e6) / (ROWS * COLS));
    console.log(`| ${name} | ${path} | ${js.toFixed(2)} | ${wasm.toFixed(2)} | ${(js / wasm).toFixed(1)}x |`);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--relaxed-only')) {
    console.log(JSON.stringify(await relaxedHere()));
    return;
  }
  const { loadavg } = await import('node:os');
  console.log(`# WASM SIMD backend vs JS backend (Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
  await benchSummary();
  const wasm = await createWasmBackend({ threads: 1, relaxedSimd: false });
  const backends: Backend[] = [createJsBackend(), wasm];
  benchGemm(backends);
  benchElementwise(backends);
  wasm.dispose();
}

await main();
