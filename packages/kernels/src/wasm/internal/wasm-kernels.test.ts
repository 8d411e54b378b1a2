// The SIMD fast paths on sizes and layouts the conformance suite does not reach: several cache blocks of GEMM,
// transposed operands, broadcast rows, long contiguous runs; checked against plain loops written here.
import { describe, expect, it } from 'vitest';
import type { View } from '../../backend';
import type { FloatArray } from '../../dtype';
import { erf } from '../../internal/strided-erf';
import { Random } from '../../random';
import { createWasmBackendSync } from '../wasm-backend';
import type { WasmBuffer } from '../wasm-buffer';

const backend = createWasmBackendSync();
const random = new Random(42);

function upload(data: FloatArray): WasmBuffer {
  const buffer = backend.alloc(data instanceof Float32Array ? 'f32' : 'f64', data.length);
  backend.write(buffer, data);
  return buffer;
}

function randomData(dtype: 'f32' | 'f64', length: number): FloatArray {
  const data = dtype === 'f32' ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = random.uniform() * 2 - 1;
  return data;
}

function view(buffer: WasmBuffer, shape: number[], strides: number[], offset = 0): View<WasmBuffer> {
  return { buffer, shape, strides, offset };
}

describe('wasm matmul', () => {
  const cases: [number, number, number, boolean, boolean][] = [
    [130, 300, 520, false, false], // more than one m-, k- and n-block
    [67, 45, 33, true, false],
    [9, 260, 17, false, true],
    [5, 7, 3, true, true],
  ];
  for (const dtype of ['f32', 'f64'] as const) {
    for (const [m, k, n, transA, transB] of cases) {
      it(`${dtype} ${m}x${k}x${n} transA=${transA} transB=${transB}`, () => {
        const a = randomData(dtype, m * k);
        const b = randomData(dtype, k * n);
        // A stored k x m when transposed: element (i, p) at p * m + i.
        const aStrides = transA ? [1, m] : [k, 1];
        const bStrides = transB ? [1, k] : [n, 1];
        const out = backend.alloc(dtype, m * n);
        backend.kernels.matmul(view(upload(a), [m, k], aStrides), view(upload(b), [k, n], bStrides), view(out, [m, n], [n, 1]));
        const result = backend.view(out);
        let worst = 0;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let p = 0; p < k; p++) sum += a[i * aStrides[0] + p * aStrides[1]] * b[p * bStrides[0] + j * bStrides[1]];
            worst = Math.max(worst, Math.abs(result[i * n + j] - sum));
          }
        }
        expect(worst).toBeLessThan(dtype === 'f32' ? 1e-4 : 1e-12);
      });
    }
  }

  it('writes a column-major output and a batch with a broadcast operand', () => {
    const [batch, m, k, n] = [3, 20, 11, 18];
    const a = randomData('f32', batch * m * k);
    const b = randomData('f32', k * n);
    const out = backend.alloc('f32', batch * m * n);
    // out[t] is stored column-major: element (t, i, j) at t * m * n + j * m + i.
    backend.kernels.matmul(
      view(upload(a), [batch, m, k], [m * k, k, 1]),
      view(upload(b), [batch, k, n], [0, n, 1]),
      view(out, [batch, m, n], [m * n, 1, m]),
    );
    const result = backend.view(out);
    for (let t = 0; t < batch; t++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let p = 0; p < k; p++) sum += a[t * m * k + i * k + p] * b[p * n + j];
          expect(result[t * m * n + j * m + i]).toBeCloseTo(sum, 4);
        }
      }
    }
  });
});

describe('wasm matmul aliasing', () => {
  it('computes into a region of the buffer that holds an input', () => {
    const [m, k, n] = [6, 5, 7];
    const shared = randomData('f64', m * k + m * n);
    const b = randomData('f64', k * n);
    const buffer = upload(shared);
    backend.kernels.matmul(view(buffer, [m, k], [k, 1]), view(upload(b), [k, n], [n, 1]), view(buffer, [m, n], [n, 1], m * k));
    const result = backend.view(buffer);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += shared[i * k + p] * b[p * n + j];
        expect(result[m * k + i * n + j]).toBeCloseTo(sum, 12);
      }
    }
    expect(Array.from(result.subarray(0, m * k))).toEqual(Array.from(shared.subarray(0, m * k)));
  });
});

describe('wasm element-wise fast paths', () => {
  it('adds a broadcast row (bias) over a long matrix and divides by a scalar', () => {
    const [rows, cols] = [7, 37];
    const x = randomData('f32', rows * cols);
    const bias = randomData('f32', cols);
    const out = backend.alloc('f32', rows * cols);
    const xb = upload(x);
    backend.kernels.binary('add', view(xb, [rows, cols], [cols, 1]), view(upload(bias), [rows, cols], [0, 1]), view(out, [rows, cols], [cols, 1]));
    const sums = backend.view(out);
    for (let i = 0; i < rows * cols; i++) expect(sums[i]).toBe(Math.fround(x[i] + bias[i % cols]));
    const two = upload(new Float32Array([2]));
    backend.kernels.binary('div', view(two, [rows, cols], [0, 0]), view(xb, [rows, cols], [cols, 1]), view(out, [rows, cols], [cols, 1]));
    const quotients = backend.view(out);
    for (let i = 0; i < rows * cols; i++) expect(quotients[i]).toBe(Math.fround(2 / x[i]));
  });

  it('runs rows of a strided outer axis in one call: reversed rows, a scalar per row, a gapped output', () => {
    const [outer, rows, cols] = [3, 4, 21];
    for (const dtype of ['f32', 'f64'] as const) {
      const a = randomData(dtype, outer * rows * cols);
      const perRow = randomData(dtype, outer * rows);
      const out = backend.alloc(dtype, outer * rows * 24);
      // a walks its rows backwards; b is one value per (outer, row); out rows are 24 apart.
      const aView = view(upload(a), [outer, rows, cols], [rows * cols, -cols, 1], (rows - 1) * cols);
      const bView = view(upload(perRow), [outer, rows, cols], [rows, 1, 0]);
      for (const op of ['sub', 'less'] as const) {
        backend.kernels.binary(op, aView, bView, view(out, [outer, rows, cols], [rows * 24, 24, 1]));
        const result = backend.view(out);
        const round = dtype === 'f32' ? Math.fround : (value: number) => value;
        for (let o = 0; o < outer; o++) {
          for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++) {
              const x = a[o * rows * cols + (rows - 1 - r) * cols + c];
              const y = perRow[o * rows + r];
              expect(result[o * rows * 24 + r * 24 + c]).toBe(op === 'sub' ? round(x - y) : x < y ? 1 : 0);
            }
          }
        }
      }
    }
  });

  it('propagates NaN in maximum and keeps odd tails exact in f64', () => {
    const a = new Float64Array([1, Number.NaN, -0, 5, 2]);
    const b = new Float64Array([2, 0, 0, Number.NaN, -3]);
    const out = backend.alloc('f64', 5);
    backend.kernels.binary('maximum', view(upload(a), [5], [1]), view(upload(b), [5], [1]), view(out, [5], [1]));
    expect(Array.from(backend.view(out))).toEqual([2, Number.NaN, 0, Number.NaN, 2]);
  });

  it('applies exact unary ops in place over long runs', () => {
    const x = randomData('f64', 1001);
    const buffer = upload(x);
    backend.kernels.unary('square', view(buffer, [1001], [1]), view(buffer, [1001], [1]));
    const squares = backend.view(buffer);
    for (let i = 0; i < 1001; i++) expect(squares[i]).toBe(x[i] * x[i]);
  });

  it('sums contiguous f32 rows in double precision', () => {
    const [rows, cols] = [3, 1000];
    const x = randomData('f32', rows * cols);
    const out = backend.alloc('f32', rows);
    backend.kernels.reduce('sum', view(upload(x), [rows, cols], [cols, 1]), [-1], view(out, [rows, 1], [1, 1]));
    const sums = backend.view(out);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += x[r * cols + c];
      expect(sums[r]).toBe(Math.fround(sum));
    }
  });

  it('takes max and min of contiguous f64 rows, NaN winning', () => {
    const [rows, cols] = [4, 101];
    const x = randomData('f64', rows * cols);
    x[cols + 50] = Number.NaN;
    x[3 * cols + 100] = Number.NaN;
    const buffer = upload(x);
    const out = backend.alloc('f64', rows);
    for (const op of ['max', 'min'] as const) {
      backend.kernels.reduce(op, view(buffer, [rows, cols], [cols, 1]), [1], view(out, [rows, 1], [1, 1]));
      const results = Array.from(backend.view(out));
      const expected = [0, 1, 2, 3].map((r) => {
        const row = Array.from(x.subarray(r * cols, (r + 1) * cols));
        return op === 'max' ? Math.max(...row) : Math.min(...row);
      });
      expect(results).toEqual(expected);
    }
  });

  for (const dtype of ['f32', 'f64'] as const) {
    it(`erf (${dtype}) is within 2 ulp (f32) / 1e-15 (f64) of the JS kernel over [-8, 8], specials included`, () => {
      const count = 40_001;
      const values = dtype === 'f32' ? new Float32Array(count + 8) : new Float64Array(count + 8);
      for (let i = 0; i < count; i++) values[i] = -8 + (16 * i) / (count - 1);
      // The f32 branch switch (0.921875) and clamp (4), tiny and huge values, specials.
      values.set([Number.NaN, Infinity, -Infinity, -0, 0.921875, -4, 1e-30, -3e38], count);
      const x = upload(values);
      const out = backend.alloc(dtype, values.length);
      backend.kernels.unary('erf', view(x, [values.length], [1]), view(out, [values.length], [1]));
      const result = backend.view(out);
      for (let i = 0; i < values.length; i++) {
        const expected = dtype === 'f32' ? Math.fround(erf(values[i])) : erf(values[i]);
        const actual = result[i];
        // 2 ulp of an f32 result is at most 2^-22 relative; f64 differs from the JS kernel only through exp.
        const close = Object.is(actual, expected) || Math.abs(actual - expected) <= (dtype === 'f32' ? 2 ** -22 : 1e-15) * Math.abs(expected);
        if (!close) expect.fail(`erf(${values[i]}) = ${actual}, expected ${expected}`);
      }
    });

    it(`exp and sigmoid (${dtype}) stay within 3e-7 / 1e-14 relative over the whole range, specials included`, () => {
      const [low, high, rtol, tiny] = dtype === 'f32' ? [-110, 95, 3e-7, 1.2e-38] : [-760, 720, 1e-14, 2.3e-308];
      const count = 20_001;
      const values = dtype === 'f32' ? new Float32Array(count + 5) : new Float64Array(count + 5);
      for (let i = 0; i < count; i++) values[i] = low + ((high - low) * i) / (count - 1);
      values.set([Number.NaN, Infinity, -Infinity, 0, -0], count);
      const x = upload(values);
      const out = backend.alloc(dtype, values.length);
      const whole = (buffer: WasmBuffer) => view(buffer, [values.length], [1]);
      const round = dtype === 'f32' ? Math.fround : (value: number) => value;
      for (const [op, reference] of [
        ['exp', (value: number) => Math.exp(value)],
        ['sigmoid', (value: number) => 1 / (1 + Math.exp(-value))],
      ] as const) {
        backend.kernels.unary(op, whole(x), whole(out));
        const result = backend.view(out);
        for (let i = 0; i < values.length; i++) {
          const expected = round(reference(values[i]));
          const actual = result[i];
          const close =
            Object.is(actual, expected) ||
            Math.abs(actual - expected) <= rtol * Math.abs(expected) ||
            (Math.abs(expected) < tiny && Math.abs(actual) < tiny);
          if (!close) expect.fail(`${op}(${values[i]}) = ${actual}, expected ${expected}`);
        }
      }
    });
  }
});
