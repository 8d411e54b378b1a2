import { afterAll, describe, expect, it } from 'vitest';
import type { View } from '../backend';
import { ShapeError } from '../errors';
import { describeBackendConformance } from '../testing/describe-backend-conformance';
import { createWasmBackend, createWasmBackendSync, type WasmBackend } from './wasm-backend';
import type { WasmBuffer } from './wasm-buffer';

// Threshold 0: every matmul, however small, is split between the caller and the worker.
describeBackendConformance('wasm (2 threads, every matmul split)', () => createWasmBackend({ threads: 2, parallelThreshold: 0 }));

type Dtype = 'f32' | 'f64';

function matrix(backend: WasmBackend, dtype: Dtype, rows: number, cols: number, seed: number, transposed = false): View<WasmBuffer> {
  const buffer = backend.alloc(dtype, rows * cols);
  const data = dtype === 'f32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(seed + i * 0.731) * 2;
  backend.write(buffer, data);
  return { buffer, shape: [rows, cols], strides: transposed ? [1, rows] : [cols, 1], offset: 0 };
}

/** Plain triple loop in float64 over the views' strides. */
function reference(backend: WasmBackend, a: View<WasmBuffer>, b: View<WasmBuffer>): Float64Array {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const x = backend.view(a.buffer);
  const y = backend.view(b.buffer);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += x[i * a.strides[0] + p * a.strides[1]] * y[p * b.strides[0] + j * b.strides[1]];
      out[i * n + j] = sum;
    }
  }
  return out;
}

function worstError(backend: WasmBackend, out: View<WasmBuffer>, expected: Float64Array): number {
  const got = backend.view(out.buffer);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]) / (1 + Math.abs(expected[i])));
  return worst;
}

describe('createWasmBackend({ threads: 2 })', () => {
  const backends: WasmBackend[] = [];
  const threaded = async (): Promise<WasmBackend> => {
    const backend = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
    backends.push(backend);
    return backend;
  };
  afterAll(() => {
    for (const backend of backends) backend.dispose();
  });

  it('reports its threads and validates the option', async () => {
    const backend = await threaded();
    expect(backend.threads).toBe(2);
    expect((await createWasmBackend({ threads: 1 })).threads).toBe(1);
    expect(createWasmBackendSync({ threads: 2 }).threads).toBe(1);
    await expect(createWasmBackend({ threads: 0 })).rejects.toThrow(ShapeError);
    await expect(createWasmBackend({ threads: 1.5 })).rejects.toThrow('createWasmBackend: threads must be a positive integer (got 1.5)');
    await expect(createWasmBackend({ threads: 2, spinMilliseconds: -1 })).rejects.toThrow('createWasmBackend: spinMilliseconds must be a finite number of at least 0 (got -1)');
    await expect(createWasmBackend({ threads: 2, spinMilliseconds: Number.NaN })).rejects.toThrow(RangeError);
  });

  it('computes split products with workers that never spin (spinMilliseconds 0: every job wakes a sleeping worker)', async () => {
    const backend = await createWasmBackend({ threads: 2, parallelThreshold: 0, spinMilliseconds: 0 });
    backends.push(backend);
    for (const [m, k, n] of [[130, 70, 90], [40, 300, 200]] as const) {
      const a = matrix(backend, 'f32', m, k, 1);
      const b = matrix(backend, 'f32', k, n, 2);
      const out: View<WasmBuffer> = { buffer: backend.alloc('f32', m * n), shape: [m, n], strides: [n, 1], offset: 0 };
      for (let repeat = 0; repeat < 3; repeat++) {
        backend.kernels.matmul(a, b, out);
        expect(worstError(backend, out, reference(backend, a, b))).toBeLessThan(1e-5);
      }
    }
  });

  // Column splits (n >= m), row splits (m > n), ragged bands, transposed operands and a single column. f32 with
  // m >= 96 and m >= n packs B once for all threads: ragged slivers, several n-blocks (n > 512) and k-blocks
  // (k > 256), and a B too large for the shared buffer (2100 x 500), which falls back to per-band packing.
  const shapes: [number, number, number][] = [[37, 53, 29], [8, 300, 130], [130, 70, 9], [200, 260, 200], [64, 1, 1], [1, 5, 64], [3, 700, 1]];
  const f32Shapes: [number, number, number][] = [[120, 300, 530], [600, 40, 530], [97, 600, 77], [520, 2100, 500]];
  for (const dtype of ['f32', 'f64'] as const) {
    for (const [m, k, n] of dtype === 'f32' ? [...shapes, ...f32Shapes] : shapes) {
      it(`matches a plain loop for ${dtype} ${m}x${k} @ ${k}x${n}, plain and transposed`, async () => {
        const backend = await threaded();
        const tolerance = dtype === 'f32' ? 1e-5 * Math.sqrt(k) : 1e-13 * Math.sqrt(k);
        for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
          const a = matrix(backend, dtype, m, k, 1, ta);
          const b = matrix(backend, dtype, k, n, 2, tb);
          const out = matrix(backend, dtype, m, n, 3);
          backend.kernels.matmul(a, b, out);
          expect(worstError(backend, out, reference(backend, a, b))).toBeLessThan(tolerance);
        }
      });
    }
  }

  it('splits batched products and writes transposed outputs', async () => {
    const backend = await threaded();
    const [batch, m, k, n] = [3, 40, 33, 50];
    const a = matrix(backend, 'f32', batch * m, k, 4);
    const b = matrix(backend, 'f32', k, n, 5);
    const out = matrix(backend, 'f32', batch * m, n, 6);
    const batched = (view: View<WasmBuffer>, rows: number, cols: number): View<WasmBuffer> => ({ ...view, shape: [batch, rows, cols], strides: [rows * cols, cols, 1] });
    backend.kernels.matmul(batched(a, m, k), { ...b, shape: [batch, k, n], strides: [0, n, 1] }, batched(out, m, n));
    expect(worstError(backend, out, reference(backend, a, b))).toBeLessThan(1e-4);
    // Column-major output: the product is computed as outᵀ = bᵀ aᵀ.
    const columnMajor = matrix(backend, 'f32', m, n, 7, true);
    const single = matrix(backend, 'f32', m, k, 8);
    backend.kernels.matmul(single, b, columnMajor);
    const expected = reference(backend, single, b);
    const got = backend.view(columnMajor.buffer);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(got[j * m + i]).toBeCloseTo(expected[i * n + j], 4);
  });

  it('splits im2col and col2im by images across threads, batch-major and taps-major, like one thread', async () => {
    const backend = await threaded();
    const single = createWasmBackendSync();
    const geometry = {
      channels: 4, height: 20, width: 18, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 2,
      padTop: 1, padBottom: 1, padLeft: 0, padRight: 1, dilationHeight: 1, dilationWidth: 1,
    };
    const [batch, taps, positions] = [48, 36, 20 * 9];
    for (const dtype of ['f32', 'f64'] as const) {
      for (const tapsMajor of [false, true]) {
        const columnStrides = tapsMajor ? [positions, batch * positions, 1] : [taps * positions, positions, 1];
        const results = [backend, single].map((target) => {
          const images = matrix(target, dtype, batch, 4 * 20 * 18, 13);
          const imageView = { ...images, shape: [batch, 4, 20, 18], strides: [4 * 20 * 18, 20 * 18, 18, 1] };
          const columns = { buffer: target.alloc(dtype, batch * taps * positions), shape: [batch, taps, positions], strides: columnStrides, offset: 0 };
          // Several rounds, so that the worker surely takes some of the bands.
          for (let round = 0; round < 4; round++) target.kernels.im2col(imageView, geometry, columns, -1);
          const unfolded = Array.from(target.view(columns.buffer));
          for (let round = 0; round < 4; round++) target.kernels.col2im(columns, geometry, imageView);
          return [unfolded, Array.from(target.view(images.buffer))];
        });
        expect(results[0]![0]).toEqual(results[1]![0]);
        expect(results[0]![1]).toEqual(results[1]![1]);
      }
    }
  });

  it('splits maxPoolIndex by images across threads, like one thread', async () => {
    const backend = await threaded();
    const single = createWasmBackendSync();
    const geometry = {
      channels: 3, height: 17, width: 16, kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
      padTop: 1, padBottom: 1, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
    };
    const [batch, outHeight, outWidth] = [40, 9, 8];
    for (const dtype of ['f32', 'f64'] as const) {
      const results = [backend, single].map((target) => {
        const images = matrix(target, dtype, batch, 3 * 17 * 16, 31);
        // Images in reverse batch order: a negative stride moves each band backwards.
        const imageView = { ...images, shape: [batch, 3, 17, 16], strides: [-3 * 17 * 16, 17 * 16, 16, 1], offset: (batch - 1) * 3 * 17 * 16 };
        const out = { buffer: target.alloc('i32', batch * 3 * outHeight * outWidth), shape: [batch, 3, outHeight * outWidth], strides: [3 * outHeight * outWidth, outHeight * outWidth, 1], offset: 0 };
        for (let round = 0; round < 4; round++) target.kernels.maxPoolIndex(imageView, geometry, out);
        return Array.from(target.view(out.buffer));
      });
      expect(results[0]).toEqual(results[1]);
    }
  });

  it('splits adamStep by elements across threads, like one thread, with and without maxExpAvgSq', async () => {
    const backend = await threaded();
    const single = createWasmBackendSync();
    const parameters = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, stepSize: 1e-3, biasCorrection2Sqrt: 0.3, l2: 0.01, shrink: 0.999, maximize: false };
    for (const dtype of ['f32', 'f64'] as const) {
      for (const amsgrad of [false, true]) {
        const results = [backend, single].map((target) => {
          const [param, grad, expAvg, expAvgSq, maxExpAvgSq] = [41, 42, 43, 44, 45].map((seed) => matrix(target, dtype, 3, 7001, seed));
          // The moments must be valid: squares are non-negative.
          for (const view of [expAvgSq!, maxExpAvgSq!]) {
            const values = target.view(view.buffer);
            for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i] as number);
          }
          for (let round = 0; round < 4; round++) {
            target.kernels.adamStep(param!, grad!, expAvg!, expAvgSq!, amsgrad ? maxExpAvgSq! : null, parameters);
          }
          return [param, expAvg, expAvgSq, maxExpAvgSq].map((view) => Array.from(target.view(view!.buffer)));
        });
        expect(results[0]).toEqual(results[1]);
      }
    }
  });

  it('splits element-wise ops by elements and by rows across threads, like one thread', async () => {
    const backend = await threaded();
    const single = createWasmBackendSync();
    // Odd sizes and offsets: bands end mid-vector and the last one is ragged.
    const [rows, columns] = [37, 531];
    for (const dtype of ['f32', 'f64'] as const) {
      const results = [backend, single].map((target) => {
        const x = matrix(target, dtype, rows, columns, 21);
        const y = matrix(target, dtype, rows, columns, 22);
        const out = matrix(target, dtype, rows, columns, 23);
        const flat = (view: View<WasmBuffer>, offset = 0): View<WasmBuffer> => ({ ...view, shape: [rows * columns - offset], strides: [1], offset });
        const row: View<WasmBuffer> = { ...y, shape: [rows, columns], strides: [0, 1], offset: 5 };
        const scalar: View<WasmBuffer> = { ...y, shape: [rows * columns - 3], strides: [0], offset: 7 };
        const seen: number[][] = [];
        // Several rounds each, so that the worker surely takes some of the bands.
        const record = (run: () => void): void => {
          for (let round = 0; round < 4; round++) run();
          seen.push(Array.from(target.view(out.buffer)));
        };
        record(() => target.kernels.unary('gelu', flat(x, 3), flat(out, 3)));
        record(() => target.kernels.unary('exp', x, out));
        record(() => target.kernels.unary('neg', flat(x), flat(out)));
        record(() => target.kernels.binary('mul', flat(x, 3), scalar, flat(out, 3)));
        record(() => target.kernels.binary('sub', scalar, flat(x, 3), flat(out, 3)));
        record(() => target.kernels.binary('add', x, y, out));
        record(() => target.kernels.binary('add', x, row, out));
        return seen;
      });
      expect(results[0]).toEqual(results[1]);
    }
  });

  it('keeps working after the shared memory grows, and after dispose', async () => {
    const backend = await threaded();
    const before = matrix(backend, 'f32', 4, 4, 9);
    const early = backend.view(before.buffer);
    // 64 MiB more: the workers must see the grown memory, and old views are not detached (shared memory).
    backend.alloc('f32', 16_000_000);
    expect(early.length).toBe(16);
    const a = matrix(backend, 'f32', 150, 90, 10);
    const b = matrix(backend, 'f32', 90, 170, 11);
    const out = matrix(backend, 'f32', 150, 170, 12);
    expect(out.buffer.byteOffset).toBeGreaterThan(64_000_000);
    backend.kernels.matmul(a, b, out);
    expect(worstError(backend, out, reference(backend, a, b))).toBeLessThan(1e-4);
    backend.dispose();
    backend.dispose();
    backend.kernels.fill(out, 0);
    backend.kernels.matmul(a, b, out);
    expect(worstError(backend, out, reference(backend, a, b))).toBeLessThan(1e-4);
  });
});
