// The B-packing paths of the WASM sgemm/dgemm: row-major B copied row by row across whole 16-column slivers plus a
// ragged one, transposed B transposed 4x4 (k not a multiple of 4, k = 1, several k-blocks), padded leading
// dimensions, and the unpacked dot-product path for A·Bᵀ with long k; checked against a plain triple loop written here.
import { describe, expect, it } from 'vitest';
import type { View } from '../../backend';
import { Random } from '../../random';
import { createWasmBackendSync } from '../wasm-backend';
import type { WasmBuffer } from '../wasm-buffer';

const backend = createWasmBackendSync();
const random = new Random(7);

function upload(dtype: 'f32' | 'f64', length: number): { buffer: WasmBuffer; data: Float32Array | Float64Array } {
  const data = dtype === 'f32' ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = random.uniform() * 2 - 1;
  const buffer = backend.alloc(dtype, length);
  backend.write(buffer, data);
  return { buffer, data };
}

function view(buffer: WasmBuffer, shape: number[], strides: number[]): View<WasmBuffer> {
  return { buffer, shape, strides, offset: 0 };
}

/** m, k, n, transB, padding of B's leading dimension. */
const CASES: [number, number, number, boolean, number][] = [
  [16, 72, 37, false, 0], // two whole slivers and a ragged one
  [8, 9, 530, false, 3], // more than one n-block, padded rows
  [3, 1, 33, false, 0], // k = 1
  [16, 261, 72, true, 0], // two k-blocks, the last with k % 4 = 1; four whole slivers and a ragged one
  [5, 3, 16, true, 2], // k < 4: no 4x4 block, padded columns
  [2, 1, 48, true, 0], // k = 1
  [7, 130, 530, true, 1], // more than one n-block
  // f32 A·Bᵀ with k ≥ 512 and a short side ≤ 32 runs as unpacked dot products (gemm-dot-f32.ts):
  [16, 2085, 9, true, 0], // three k-passes of 1024, k % 4 = 1, ragged 4-column tile
  [3, 600, 5, true, 5], // odd rows (a repeated last row), padded B rows
  [40, 513, 7, true, 0], // long side m > 32, short side n
  [1, 512, 1, true, 0], // a single dot product
  [2, 700, 40, true, 3], // short side m
];

describe('wasm gemm B packing', () => {
  for (const dtype of ['f32', 'f64'] as const) {
    for (const [m, k, n, transB, pad] of CASES) {
      it(`${dtype} ${m}x${k}x${n} transB=${transB} ld padding ${pad}`, () => {
        const a = upload(dtype, m * k);
        // B stored n x (k + pad) when transposed, k x (n + pad) otherwise.
        const bStrides = transB ? [1, k + pad] : [n + pad, 1];
        const b = upload(dtype, transB ? n * (k + pad) : k * (n + pad));
        const out = backend.alloc(dtype, m * n);
        backend.kernels.matmul(view(a.buffer, [m, k], [k, 1]), view(b.buffer, [k, n], bStrides), view(out, [m, n], [n, 1]));
        const result = backend.view(out);
        let worst = 0;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let p = 0; p < k; p++) sum += a.data[i * k + p] * b.data[p * bStrides[0] + j * bStrides[1]];
            worst = Math.max(worst, Math.abs(result[i * n + j] - sum));
          }
        }
        expect(worst).toBeLessThan(dtype === 'f32' ? 1e-4 * Math.max(1, Math.sqrt(k / 64)) : 1e-12 * Math.max(1, Math.sqrt(k / 64)));
      });
    }
  }
});
