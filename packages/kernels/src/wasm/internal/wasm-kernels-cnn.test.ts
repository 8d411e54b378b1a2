// The WASM paths a CNN training step takes (im2col/col2im, argmax along a middle axis, sign, sums over batch and
// spatial axes, broadcast and dense copies) against the JS reference backend on the same data, NaN and ties included.
import { describe, expect, it } from 'vitest';
import type { Backend, ConvGeometry, View } from '../../backend';
import type { TypedArray } from '../../dtype';
import { createJsBackend } from '../../js/js-backend';
import { Random } from '../../random';
import { contiguousStrides } from '../../shape';
import { createWasmBackendSync } from '../wasm-backend';
import type { WasmBuffer } from '../wasm-buffer';

const wasm = createWasmBackendSync();
const js = createJsBackend();
const random = new Random(7);

type Dtype = 'f32' | 'f64' | 'i32';

function make(dtype: Dtype, length: number, fill: (i: number) => number): TypedArray {
  const data = dtype === 'f32' ? new Float32Array(length) : dtype === 'f64' ? new Float64Array(length) : new Int32Array(length);
  for (let i = 0; i < length; i++) data[i] = fill(i);
  return data;
}

function put(backend: Backend, dtype: Dtype, data: TypedArray, shape: number[], strides = contiguousStrides(shape), offset = 0): View {
  const buffer = backend.alloc(dtype, data.length);
  backend.write(buffer, data);
  return { buffer, shape, strides, offset };
}

/** Runs `call` on both backends over copies of the same inputs and returns both outputs. */
function both(
  inputs: { dtype: Dtype; data: TypedArray; shape: number[]; strides?: number[]; offset?: number }[],
  call: (backend: Backend, views: View[]) => void,
): [TypedArray, TypedArray] {
  const results = [wasm as Backend, js].map((backend) => {
    const views = inputs.map((input) => put(backend, input.dtype, input.data, input.shape, input.strides, input.offset));
    call(backend, views);
    return backend.view(views[views.length - 1].buffer).slice();
  });
  return [results[0], results[1]];
}

function geometry(channels: number, height: number, width: number, kernel: number, stride: number, pad: number, dilation: number): ConvGeometry {
  return {
    channels, height, width, kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride, strideWidth: stride,
    padTop: pad, padBottom: pad, padLeft: pad, padRight: pad, dilationHeight: dilation, dilationWidth: dilation,
  };
}

describe('wasm CNN kernels against the JS backend', () => {
  const geometries: [string, ConvGeometry, number, number][] = [
    ['3x3 pad 1', geometry(3, 7, 6, 3, 1, 1, 1), 7, 6],
    ['2x2 stride 2 (pooling)', geometry(2, 8, 8, 2, 2, 0, 1), 4, 4],
    ['3x3 stride 2 pad 2 dilation 2', geometry(2, 9, 7, 3, 2, 2, 2), 5, 4],
  ];
  for (const dtype of ['f32', 'f64'] as const) {
    for (const [name, g, outHeight, outWidth] of geometries) {
      const batch = 3;
      const imageSize = batch * g.channels * g.height * g.width;
      const taps = g.channels * g.kernelHeight * g.kernelWidth;
      const columnsSize = batch * taps * outHeight * outWidth;
      for (const padValue of [0, -Infinity]) {
        it(`im2col ${dtype} ${name} pad value ${padValue}`, () => {
          const [fast, reference] = both(
            [
              { dtype, data: make(dtype, imageSize, () => random.uniform() * 2 - 1), shape: [batch, g.channels, g.height, g.width] },
              { dtype, data: make(dtype, columnsSize, () => 5), shape: [batch, taps, outHeight * outWidth] },
            ],
            (backend, [x, out]) => backend.kernels.im2col(x, g, out, padValue),
          );
          expect(Array.from(fast)).toEqual(Array.from(reference));
        });
      }
      it(`col2im ${dtype} ${name} overwrites and sums overlapping taps`, () => {
        const [fast, reference] = both(
          [
            { dtype, data: make(dtype, columnsSize, () => random.uniform() * 2 - 1), shape: [batch, taps, outHeight * outWidth] },
            { dtype, data: make(dtype, imageSize, () => 9), shape: [batch, g.channels, g.height, g.width] },
          ],
          (backend, [columns, out]) => backend.kernels.col2im(columns, g, out),
        );
        expect(Array.from(fast)).toEqual(Array.from(reference));
      });
      // conv2d's whole-batch GEMM layout: columns (batch, taps, positions) stored taps-major, at an offset.
      const positions = outHeight * outWidth;
      const tapsMajor = { shape: [batch, taps, positions], strides: [positions, batch * positions, 1], offset: 3 };
      it(`im2col ${dtype} ${name} into taps-major columns`, () => {
        const [fast, reference] = both(
          [
            { dtype, data: make(dtype, imageSize, () => random.uniform() * 2 - 1), shape: [batch, g.channels, g.height, g.width] },
            { dtype, data: make(dtype, columnsSize + 5, () => 5), ...tapsMajor },
          ],
          (backend, [x, out]) => backend.kernels.im2col(x, g, out, 0),
        );
        expect(Array.from(fast)).toEqual(Array.from(reference));
        // Image 1's first row sits one position block after image 0's, the next tap row a whole batch further on.
        expect(fast[3 + positions + positions * batch]).toBe(reference[3 + positions + positions * batch]);
        expect([fast[0], fast[columnsSize + 3]]).toEqual([5, 5]);
      });
      it(`col2im ${dtype} ${name} from taps-major columns`, () => {
        const [fast, reference] = both(
          [
            { dtype, data: make(dtype, columnsSize + 5, () => random.uniform() * 2 - 1), ...tapsMajor },
            { dtype, data: make(dtype, imageSize, () => 9), shape: [batch, g.channels, g.height, g.width] },
          ],
          (backend, [columns, out]) => backend.kernels.col2im(columns, g, out),
        );
        expect(Array.from(fast)).toEqual(Array.from(reference));
      });
    }

    for (const [outer, n, inner] of [[5, 4, 9], [2, 3, 16], [3, 6, 1]]) {
      for (const op of ['argmax', 'argmin'] as const) {
        it(`${op} ${dtype} along the middle axis of ${outer}x${n}x${inner} with ties and NaN`, () => {
          // Few distinct values make ties common; some NaN come first in their column, some later.
          const data = make(dtype, outer * n * inner, () => (random.uniform() < 0.08 ? NaN : Math.floor(random.uniform() * 3)));
          const [fast, reference] = both(
            [
              { dtype, data, shape: [outer, n, inner] },
              { dtype: 'i32', data: new Int32Array(outer * inner).fill(-1), shape: [outer, 1, inner] },
            ],
            (backend, [x, out]) => backend.kernels.argReduce(op, x, inner === 1 ? -2 : 1, out),
          );
          expect(Array.from(fast)).toEqual(Array.from(reference));
        });
      }
    }

    for (const [outer, n, m, inner] of [[4, 4, 1, 7], [2, 3, 5, 4], [3, 5, 2, 1]]) {
      const index = make('i32', outer * m * inner, () => Math.floor(random.uniform() * n));
      it(`gather ${dtype} along the middle axis, x ${outer}x${n}x${inner}, index ${outer}x${m}x${inner}`, () => {
        const [fast, reference] = both(
          [
            { dtype, data: make(dtype, outer * n * inner, () => random.uniform()), shape: [outer, n, inner] },
            { dtype: 'i32', data: index, shape: [outer, m, inner] },
            { dtype, data: make(dtype, outer * m * inner, () => 4), shape: [outer, m, inner] },
          ],
          (backend, [x, positions, out]) => backend.kernels.gather(x, positions, 1, out),
        );
        expect(Array.from(fast)).toEqual(Array.from(reference));
      });
      it(`scatterAdd ${dtype} along the middle axis accumulates repeated indices, out ${outer}x${n}x${inner}`, () => {
        const [fast, reference] = both(
          [
            { dtype, data: make(dtype, outer * m * inner, () => random.uniform()), shape: [outer, m, inner] },
            { dtype: 'i32', data: index, shape: [outer, m, inner] },
            { dtype, data: make(dtype, outer * n * inner, () => 0.25), shape: [outer, n, inner] },
          ],
          (backend, [updates, positions, out]) => backend.kernels.scatterAdd(updates, positions, -2, out),
        );
        expect(Array.from(fast)).toEqual(Array.from(reference));
      });
    }

    it(`gather and scatterAdd ${dtype} report an out-of-range index like the JS backend`, () => {
      const x = put(wasm, dtype, make(dtype, 6, (i) => i), [2, 3]) as View<WasmBuffer>;
      const index = put(wasm, 'i32', new Int32Array([0, 3]), [2, 1]) as View<WasmBuffer>;
      const out = put(wasm, dtype, make(dtype, 2, () => 0), [2, 1]) as View<WasmBuffer>;
      expect(() => wasm.kernels.gather(x, index, 1, out)).toThrow(/index 3 is out of range/);
      expect(() => wasm.kernels.scatterAdd(out, index, 1, x)).toThrow(/index 3 is out of range/);
      expect(Array.from(wasm.view(x.buffer))).toEqual([0, 1, 2, 3, 4, 5]);
    });

    for (const [outer, n, inner] of [[5, 4, 9], [2, 3, 16], [3, 6, 1]]) {
      for (const op of ['max', 'min'] as const) {
        it(`${op} ${dtype} along the middle axis of ${outer}x${n}x${inner} with NaN and signed zeros`, () => {
          const values = [NaN, 0, -0, 1, -1, 2];
          const data = make(dtype, outer * n * inner, () => values[Math.floor(random.uniform() * 1.15 * values.length) % values.length]);
          const [fast, reference] = both(
            [{ dtype, data, shape: [outer, n, inner] }, { dtype, data: make(dtype, outer * inner, () => 5), shape: [outer, 1, inner] }],
            (backend, [x, out]) => backend.kernels.reduce(op, x, [1], out),
          );
          const show = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
          expect(Array.from(fast).map(show)).toEqual(Array.from(reference).map(show));
        });
      }
    }

    it(`sign ${dtype} keeps NaN and signed zeros`, () => {
      const special = [NaN, 0, -0, 3, -2, Infinity, -Infinity];
      const data = make(dtype, 23, (i) => special[i % special.length]);
      const [fast, reference] = both(
        [{ dtype, data, shape: [23] }, { dtype, data: make(dtype, 23, () => 7), shape: [23] }],
        (backend, [x, out]) => backend.kernels.unary('sign', x, out),
      );
      expect(Array.from(fast).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(reference).map((v) => Object.is(v, -0) ? '-0' : v));
    });

    it(`sum ${dtype} over batch and spatial axes`, () => {
      const shape = [6, 5, 4, 8];
      const size = 6 * 5 * 4 * 8;
      const [fast, reference] = both(
        [{ dtype, data: make(dtype, size, () => random.uniform() * 2 - 1), shape }, { dtype, data: make(dtype, 5, () => 3), shape: [1, 5, 1, 1] }],
        (backend, [x, out]) => backend.kernels.reduce('sum', x, [0, 2, -1], out),
      );
      for (let c = 0; c < 5; c++) expect(fast[c]).toBeCloseTo(reference[c], dtype === 'f32' ? 5 : 12);
    });

    it(`copy ${dtype} from a broadcast value and from a dense view at an offset`, () => {
      const [broadcast, broadcastReference] = both(
        [{ dtype, data: make(dtype, 4, (i) => i + 0.5), shape: [3, 5], strides: [0, 0], offset: 2 }, { dtype, data: make(dtype, 15, () => 0), shape: [3, 5] }],
        (backend, [x, out]) => backend.kernels.copy(x, out),
      );
      expect(Array.from(broadcast)).toEqual(Array.from(broadcastReference));
      const [dense, denseReference] = both(
        [{ dtype, data: make(dtype, 20, (i) => i), shape: [3, 5], strides: [5, 1], offset: 4 }, { dtype, data: make(dtype, 17, () => -1), shape: [3, 5], offset: 1 }],
        (backend, [x, out]) => backend.kernels.copy(x, { ...out, strides: [5, 1] }),
      );
      expect(Array.from(dense)).toEqual(Array.from(denseReference));
    });
  }
});
