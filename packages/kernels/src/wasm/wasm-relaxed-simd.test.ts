import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../errors';
import { describeBackendConformance } from '../testing/describe-backend-conformance';
import { createWasmBackend } from './wasm-backend';
import { wasmRelaxedSimdSupported } from './wasm-relaxed-simd-supported';

const supported = wasmRelaxedSimdSupported();

// Runs only where this process has relaxed SIMD (Node 22+); on Node 20 the child process below covers it.
if (supported) {
  describeBackendConformance('wasm (relaxed SIMD, 2 threads, every matmul split)', () =>
    createWasmBackend({ relaxedSimd: true, threads: 2, parallelThreshold: 0 }),
  );
}

/** A child node with relaxed SIMD switched on builds relaxed backends and checks matmul against a plain loop. */
const CHILD = `
const { createWasmBackend } = await import(${JSON.stringify(pathToFileURL(fileURLToPath(new URL('./wasm-backend.ts', import.meta.url))).href)});
const results = [];
for (const [dtype, threads] of [['f32', 1], ['f32', 2], ['f64', 1], ['f64', 2]]) {
  const backend = await createWasmBackend({ relaxedSimd: true, threads, parallelThreshold: 0 });
  const [m, k, n] = [45, 130, 70];
  const make = (rows, cols, seed) => {
    const buffer = backend.alloc(dtype, rows * cols);
    const data = dtype === 'f32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(seed + i * 0.37);
    backend.write(buffer, data);
    return { buffer, shape: [rows, cols], strides: [cols, 1], offset: 0 };
  };
  const a = make(m, k, 1), b = make(k, n, 2), out = make(m, n, 3);
  backend.kernels.matmul(a, b, out);
  const [x, y, z] = [backend.view(a.buffer), backend.view(b.buffer), backend.view(out.buffer)];
  let worst = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let p = 0; p < k; p++) sum += x[i * k + p] * y[p * n + j];
    worst = Math.max(worst, Math.abs(sum - z[i * n + j]));
  }
  results.push({ dtype, threads: backend.threads, relaxed: backend.relaxedSimd, worst });
  backend.dispose();
}
console.log(JSON.stringify(results));
`;

describe('relaxed SIMD', () => {
  it('is detected by validation and refused where missing', async () => {
    expect(typeof supported).toBe('boolean');
    if (!supported) await expect(createWasmBackend({ relaxedSimd: true })).rejects.toThrow(BackendError);
    expect((await createWasmBackend({ relaxedSimd: false, threads: 1 })).relaxedSimd).toBe(false);
    expect((await createWasmBackend({ threads: 1 })).relaxedSimd).toBe(supported);
  });

  it('runs matmul correctly in a child node with --experimental-wasm-relaxed-simd', () => {
    const output = execFileSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', '--input-type=module', '--eval', CHILD],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 60_000 },
    );
    const results = JSON.parse(output.trim().split('\n').pop() ?? '[]') as { dtype: string; threads: number; relaxed: boolean; worst: number }[];
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result.relaxed).toBe(true);
      expect(result.worst).toBeLessThan(result.dtype === 'f32' ? 1e-4 : 1e-12);
    }
    expect(results.map((result) => result.threads)).toEqual([1, 2, 1, 2]);
  });
});
