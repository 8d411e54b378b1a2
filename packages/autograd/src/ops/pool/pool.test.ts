import { describe, expect, it } from 'vitest';
import { createJsBackend, DTypeError, Random, ShapeError, type Backend } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { withBackend } from '../../backend';
import { tensor, tensor64 } from '../../create';
import { hvp } from '../../functional/hvp';
import { gradients } from '../../graph/backward-api';
import type { Tensor } from '../../tensor';
import { tanh } from '../activation/tanh';
import { describeOp } from '../../testing/describe-op';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import { add } from '../elementwise/add';
import { mul } from '../elementwise/mul';
import { reshape } from '../movement/reshape';
import { sum } from '../reduce/sum';
import { avgPool2d } from './avg-pool2d';
import { globalAvgPool2d } from './global-avg-pool2d';
import { maxPool2d } from './max-pool2d';

/** Pools every (image, channel) window from the definition; padding taps read `padValue`. */
function refPool(x: RefArray, k: number, stride: number, pad: number, padValue: number, combine: (taps: number[]) => number): RefArray {
  const batched = x.shape.length === 4;
  const input = batched ? x : { shape: [1, ...x.shape], data: x.data };
  const [n, c, h, w] = input.shape as [number, number, number, number];
  const oh = Math.floor((h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((w + 2 * pad - k) / stride) + 1;
  const out = refBuild([n, c, oh, ow], ([b, ch, oy, ox]) => {
    const taps: number[] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      const y = oy! * stride - pad + i;
      const xx = ox! * stride - pad + j;
      taps.push(y < 0 || y >= h || xx < 0 || xx >= w ? padValue : refAt(input, [b!, ch!, y, xx]));
    }
    return combine(taps);
  });
  return batched ? out : { shape: out.shape.slice(1), data: out.data };
}
const maxOf = (taps: number[]): number => Math.max(...taps);
const meanOf = (taps: number[]): number => taps.reduce((a, b) => a + b, 0) / taps.length;

describeOp('maxPool2d', {
  fn: (x) => maxPool2d(x!, 2),
  reference: (x) => refPool(x!, 2, 2, 0, -Infinity, maxOf),
  samples: [{ label: '1x2x4x4, 2x2', inputs: [[1, 2, 4, 4]] }, { label: '(C,H,W) 1x5x4 (floor)', inputs: [[1, 5, 4]] }],
  errors: [
    { label: 'a 2-d input', inputs: [[4, 4]], message: 'maxPool2d: expects a (C, H, W) or (N, C, H, W) input (got 4x4)', type: ShapeError },
    { label: 'a window larger than the input', inputs: [[1, 1, 1]], message: /^maxPool2d: window 2x2 .* does not fit input 1x1/, type: ShapeError },
    { label: 'padding over half the window', inputs: [[1, 4, 4]], fn: (x) => maxPool2d(x!, 2, { padding: 2 }), message: 'maxPool2d: padding 2x2 must be at most half the window 2x2', type: ShapeError },
    { label: 'an integer input', inputs: [() => tensor([[[1, 2], [3, 4]]], { dtype: 'i32' })], message: 'maxPool2d: needs a float tensor', type: DTypeError },
  ],
});
describeOp('maxPool2d', {
  fn: (x) => maxPool2d(x!, 3, { stride: 2, padding: 1 }),
  reference: (x) => refPool(x!, 3, 2, 1, -Infinity, maxOf),
  samples: [{ label: 'overlapping 3x3 stride 2 padding 1', inputs: [[2, 1, 4, 5]] }],
});
describeOp('avgPool2d', {
  fn: (x) => avgPool2d(x!, 2),
  reference: (x) => refPool(x!, 2, 2, 0, 0, meanOf),
  samples: [{ label: '1x2x4x4, 2x2', inputs: [[1, 2, 4, 4]] }, { label: '(C,H,W) 2x3x3', inputs: [[2, 3, 3]] }],
  errors: [{ label: 'a 5-d input', inputs: [[1, 1, 1, 2, 2]], message: 'avgPool2d: expects a (C, H, W) or (N, C, H, W) input (got 1x1x1x2x2)', type: ShapeError }],
});
describeOp('avgPool2d', {
  fn: (x) => avgPool2d(x!, 3, { stride: 1, padding: 1 }),
  reference: (x) => refPool(x!, 3, 1, 1, 0, meanOf),
  samples: [{ label: '3x3 stride 1 padding 1 (count_include_pad)', inputs: [[1, 1, 3, 4]] }],
});
describeOp('globalAvgPool2d', {
  fn: (x) => globalAvgPool2d(x!),
  reference: (x) => {
    const [h, w] = x!.shape.slice(-2) as [number, number];
    const lead = x!.shape.slice(0, -2);
    return refBuild(lead, (index) => {
      let total = 0;
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) total += refAt(x!, [...index, i, j]);
      return total / (h * w);
    });
  },
  samples: [{ label: '(N,C,H,W)', inputs: [[2, 3, 2, 2]] }, { label: '(C,H,W)', inputs: [[2, 3, 3]] }, { label: '1x1 image', inputs: [[2, 1, 1]] }],
  errors: [{ label: 'a 2-d input', inputs: [[3, 3]], message: 'globalAvgPool2d: expects a (C, H, W) or (N, C, H, W) input (got 3x3)', type: ShapeError }],
});

describe('pooling', () => {
  it('maxPool2d gives a tie\'s whole gradient to the first maximum in row-major window order', () => {
    const x = tensor64([1, 5, 3, 3, 5, 2, 3, 1], [1, 1, 2, 4], { requiresGrad: true });
    const [grad] = gradients(sum(maxPool2d(x, 2)), [x]);
    expect(grad!.toList()).toEqual([[[[0, 1, 1, 0], [0, 0, 0, 0]]]]);
  });

  it('maxPool2d never lets padding win: windows of -Infinity give their gradient to their first real tap', () => {
    // 2x2 image, 2x2 windows, stride 1, padding 1: 3x3 windows, most of them starting in the padding.
    for (const value of [-Infinity, 1]) {
      const x = tensor64([value, value, value, value], [1, 1, 2, 2], { requiresGrad: true });
      const y = maxPool2d(x, 2, { stride: 1, padding: 1 });
      expect(y.toList()).toEqual([[[[value, value, value], [value, value, value], [value, value, value]]]]);
      const [grad] = gradients(sum(y), [x]);
      // First real tap of window (oh, ow) is (max(oh - 1, 0), max(ow - 1, 0)).
      expect(grad!.toList()).toEqual([[[[4, 2], [2, 1]]]]);
    }
  });

  it('maxPool2d breaks ties in overlapping windows by row-major window order, and a NaN wins like argmax', () => {
    const x = tensor64([2, 2, 2, 2, 2, 2, 2, 2, 2], [1, 1, 3, 3], { requiresGrad: true });
    const [grad] = gradients(sum(maxPool2d(x, 2, { stride: 1 })), [x]);
    expect(grad!.toList()).toEqual([[[[1, 1, 0], [1, 1, 0], [0, 0, 0]]]]);
    const withNaN = tensor64([1, NaN, NaN, 3, Infinity, 0, -Infinity, 0], [2, 1, 2, 2], { requiresGrad: true });
    const y = maxPool2d(withNaN, 2);
    expect(y.toList()).toEqual([[[[NaN]]], [[[Infinity]]]]);
    expect(gradients(sum(y), [withNaN])[0]!.toList()).toEqual([[[[0, 1], [0, 0]]], [[[1, 0], [0, 0]]]]);
  });

  it('maxPool2d gives the same values, gradients and Hessian-vector products on the WASM backend, ties included', () => {
    const random = new Random(5);
    // Small integers, so x² has many ties (between ±a too): a tie broken differently would change the gradients.
    const ints = (n: number): Float64Array => Float64Array.from({ length: n }, () => random.integer(7) - 3);
    // Rows wide enough for the WASM backend's four-windows-at-once paths, plus their padded and ragged edges.
    const shape = [2, 3, 9, 22];
    const [xData, vData] = [ints(2 * 3 * 9 * 22), ints(2 * 3 * 9 * 22)];
    const run = (backend: Backend, dtype: 'f32' | 'f64'): number[][] =>
      withBackend(backend, () => {
        const overlapping = (t: Tensor): Tensor => maxPool2d(mul(t, t), 3, { stride: 2, padding: 1 });
        const pairs = (t: Tensor): Tensor => maxPool2d(mul(t, t), 2);
        const loss = (t: Tensor): Tensor => add(sum(mul(tanh(overlapping(t)), overlapping(t))), sum(mul(pairs(t), pairs(t))));
        const x = reshape(tensor(xData, { dtype, requiresGrad: true }), shape);
        const [gx] = gradients(loss(x), [x]);
        const [, [hv]] = hvp(loss, [reshape(tensor(xData, { dtype }), shape)], [reshape(tensor(vData, { dtype }), shape)]);
        return [overlapping(x), pairs(x), gx!, hv!].map((t) => Array.from(t.data));
      });
    const wasm = createWasmBackendSync();
    for (const dtype of ['f32', 'f64'] as const) {
      const expected = run(createJsBackend(), dtype);
      const actual = run(wasm, dtype);
      const tolerance = dtype === 'f32' ? 1e-5 : 1e-12;
      expected.forEach((values, which) => values.forEach((value, i) => {
        expect(Math.abs((actual[which]![i] as number) - value), `output ${which} element ${i}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(value)));
      }));
      expect(Math.max(...expected[3]!.map(Math.abs))).toBeGreaterThan(1e-3);
    }
  });

  it('avgPool2d counts padding in the average (count_include_pad)', () => {
    const x = tensor64([4], [1, 1, 1]);
    expect(avgPool2d(x, 2, { stride: 1, padding: 1 }).toList()).toEqual([[[1, 1], [1, 1]]]);
  });

  it('has a non-zero Hessian through pooling of x² (max and average)', () => {
    for (const pool of [(t: ReturnType<typeof tensor64>) => maxPool2d(t, 2), (t: ReturnType<typeof tensor64>) => avgPool2d(t, 2)]) {
      const x = tensor64([1, -3, 2, 0.5], [1, 2, 2], { requiresGrad: true });
      const [g] = gradients(sum(pool(mul(x, x))), [x], { createGraph: true });
      const [h] = gradients(sum(g!), [x]);
      expect(Array.from(h!.data).some((value) => value !== 0)).toBe(true);
    }
    const x = tensor64([1, -3, 2, 0.5], [1, 2, 2], { requiresGrad: true });
    const [g] = gradients(sum(maxPool2d(mul(x, x), 2)), [x], { createGraph: true });
    expect(gradients(sum(g!), [x])[0]!.toList()).toEqual([[[0, 2], [0, 0]]]);
  });
});
