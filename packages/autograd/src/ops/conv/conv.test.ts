import { describe, expect, it } from 'vitest';
import { createJsBackend, Random, ShapeError, type Backend, type ConvGeometry } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { withBackend } from '../../backend';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import type { Tensor } from '../../tensor';
import { tanh } from '../activation/tanh';
import { mul } from '../elementwise/mul';
import { reshape } from '../movement/reshape';
import { sum } from '../reduce/sum';
import { col2im } from './col2im';
import { conv2d, type Conv2dOptions } from './conv2d';
import { im2col } from './im2col';
import { convGeometry } from '../../internal/conv-geometry';
import { convolveUnfolded } from '../../internal/conv-gemm';
import { batchToChannels, channelsToBatch, channelsToBatchCopy } from '../../internal/conv-layout';
import { col2imUnchecked, im2colUnchecked } from '../../internal/conv-unfold';

function geometryOf(c: number, h: number, w: number, k: number, stride = 1, pad = 0, dilation = 1): ConvGeometry {
  return {
    channels: c, height: h, width: w, kernelHeight: k, kernelWidth: k, strideHeight: stride, strideWidth: stride,
    padTop: pad, padBottom: pad, padLeft: pad, padRight: pad, dilationHeight: dilation, dilationWidth: dilation,
  };
}

function outSize(g: ConvGeometry): [number, number] {
  return [
    Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1,
    Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1,
  ];
}

/** Image position of tap (i, j) of window (oy, ox), or null on padding. */
function tapAt(g: ConvGeometry, oy: number, ox: number, i: number, j: number): [number, number] | null {
  const y = oy * g.strideHeight - g.padTop + i * g.dilationHeight;
  const x = ox * g.strideWidth - g.padLeft + j * g.dilationWidth;
  return y < 0 || y >= g.height || x < 0 || x >= g.width ? null : [y, x];
}

function refIm2col(x: RefArray, g: ConvGeometry, padValue: number): RefArray {
  const [oh, ow] = outSize(g);
  const kk = g.kernelHeight * g.kernelWidth;
  return refBuild([x.shape[0] as number, g.channels * kk, oh * ow], ([b, row, col]) => {
    const c = Math.floor(row! / kk);
    const i = Math.floor((row! % kk) / g.kernelWidth);
    const j = row! % g.kernelWidth;
    const at = tapAt(g, Math.floor(col! / ow), col! % ow, i, j);
    return at === null ? padValue : refAt(x, [b!, c, at[0], at[1]]);
  });
}

function refCol2im(cols: RefArray, g: ConvGeometry): RefArray {
  const [oh, ow] = outSize(g);
  const n = cols.shape[0] as number;
  const out = refBuild([n, g.channels, g.height, g.width], () => 0);
  const data = out.data;
  for (let b = 0; b < n; b++) for (let c = 0; c < g.channels; c++) for (let i = 0; i < g.kernelHeight; i++) for (let j = 0; j < g.kernelWidth; j++) {
    for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
      const at = tapAt(g, oy, ox, i, j);
      if (at === null) continue;
      const row = (c * g.kernelHeight + i) * g.kernelWidth + j;
      const target = ((b * g.channels + c) * g.height + at[0]) * g.width + at[1];
      data[target] = (data[target] as number) + refAt(cols, [b, row, oy * ow + ox]);
    }
  }
  return out;
}

type PairOption = number | readonly [number, number];
const pairOf = (value: PairOption | undefined, fallback: number): [number, number] =>
  value === undefined ? [fallback, fallback] : typeof value === 'number' ? [value, value] : [value[0], value[1]];

/** Naive direct convolution with plain loops. */
function refConv(x: RefArray, w: RefArray, bias: RefArray | null, options: Conv2dOptions): RefArray {
  const batched = x.shape.length === 4;
  const input = batched ? x : { shape: [1, ...x.shape], data: x.data };
  const [n, c, h, wd] = input.shape as [number, number, number, number];
  const [o, cg, kh, kw] = w.shape as [number, number, number, number];
  const groups = options.groups ?? 1;
  const [sh, sw] = pairOf(options.stride, 1);
  const [ph, pw] = pairOf(options.padding, 0);
  const [dh, dw] = pairOf(options.dilation, 1);
  const g: ConvGeometry = {
    channels: c, height: h, width: wd, kernelHeight: kh, kernelWidth: kw, strideHeight: sh, strideWidth: sw,
    padTop: ph, padBottom: ph, padLeft: pw, padRight: pw, dilationHeight: dh, dilationWidth: dw,
  };
  const [oh, ow] = outSize(g);
  const out = refBuild([n, o, oh, ow], ([b, oc, oy, ox]) => {
    const group = Math.floor(oc! / (o / groups));
    let total = bias === null ? 0 : refAt(bias, [oc!]);
    for (let ci = 0; ci < cg; ci++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const at = tapAt(g, oy!, ox!, i, j);
      if (at !== null) total += refAt(input, [b!, group * cg + ci, at[0], at[1]]) * refAt(w, [oc!, ci, i, j]);
    }
    return total;
  });
  return batched ? out : { shape: out.shape.slice(1), data: out.data };
}

/** Swaps the two leading axes of a 4-d array: `(C, N, H, W)` ↔ `(N, C, H, W)`. */
function swapPlanes(a: RefArray): RefArray {
  const [first, second, h, w] = a.shape as [number, number, number, number];
  return refBuild([second, first, h, w], ([i, j, y, x]) => refAt(a, [j!, i!, y!, x!]));
}

/** Swaps the two leading axes: taps-major columns `(C·kH·kW, N, P)` from batch-major ones and back. */
function swapLeading(a: RefArray): RefArray {
  const [first, second, third] = a.shape as [number, number, number];
  return refBuild([second, first, third], ([i, j, k]) => refAt(a, [j!, i!, k!]));
}

const g1 = geometryOf(2, 4, 4, 3, 1, 1);
const g2 = geometryOf(1, 5, 4, 2, 2, 0, 2);
describeOp('im2col', {
  fn: (x) => im2col(x!, g1),
  reference: (x) => refIm2col(x!, g1, 0),
  samples: [{ label: '1x2x4x4, 3x3 pad 1', inputs: [[1, 2, 4, 4]] }],
  errors: [{ label: 'a mismatched image', inputs: [[1, 3, 4, 4]], message: 'im2col: x of shape 1x3x4x4 does not match', type: ShapeError }],
});
describeOp('im2col', {
  fn: (x) => im2col(x!, g2, -1.5),
  reference: (x) => refIm2col(x!, g2, -1.5),
  samples: [{ label: '2x1x5x4, 2x2 stride 2 dilation 2, padValue -1.5', inputs: [[2, 1, 5, 4]] }],
  errors: [{ label: 'a window that does not fit', inputs: [[1, 1, 2, 2]], fn: (x) => im2col(x!, geometryOf(1, 2, 2, 3)), message: /^im2col: window 3x3/, type: ShapeError }],
});
describeOp('col2im', {
  fn: (c) => col2im(c!, g1),
  reference: (c) => refCol2im(c!, g1),
  samples: [{ label: '1x18x16 into 1x2x4x4', inputs: [[1, 18, 16]] }],
  errors: [{ label: 'mismatched columns', inputs: [[1, 18, 15]], message: 'col2im: columns of shape 1x18x15 does not match', type: ShapeError }],
});
describeOp('col2im', {
  fn: (c) => col2im(c!, g2),
  reference: (c) => refCol2im(c!, g2),
  samples: [{ label: 'stride 2 dilation 2', inputs: [[2, 4, 2]] }],
});
// The taps-major layout conv2d unfolds into (internal: same ops, permuted output / input).
describeOp('im2col', {
  fn: (x) => im2colUnchecked(x!, g2, -1.5, 'taps'),
  reference: (x) => swapLeading(refIm2col(x!, g2, -1.5)),
  samples: [{ label: 'taps-major 3x1x5x4, 2x2 stride 2 dilation 2, padValue -1.5', inputs: [[3, 1, 5, 4]] }],
});
describeOp('im2col', {
  fn: (x) => im2colUnchecked(x!, g1, 0, 'taps'),
  reference: (x) => swapLeading(refIm2col(x!, g1, 0)),
  samples: [{ label: 'taps-major 2x2x4x4, 3x3 pad 1', inputs: [[2, 2, 4, 4]] }],
});
describeOp('col2im', {
  fn: (c) => col2imUnchecked(c!, g1, 'taps'),
  reference: (c) => refCol2im(swapLeading(c!), g1),
  samples: [{ label: 'taps-major 18x2x16 into 2x2x4x4', inputs: [[18, 2, 16]] }],
});
describeOp('col2im', {
  fn: (c) => col2imUnchecked(c!, g2, 'taps'),
  reference: (c) => refCol2im(swapLeading(c!), g2),
  samples: [{ label: 'taps-major stride 2 dilation 2, batch 3', inputs: [[4, 3, 2]] }],
});

const convCase = (options: Conv2dOptions, withBias: boolean): { fn: (x: Tensor, w: Tensor, b?: Tensor) => Tensor; reference: (x: RefArray, w: RefArray, b?: RefArray) => RefArray } => ({
  fn: (x: Tensor, w: Tensor, b?: Tensor) => conv2d(x, w, withBias ? b : null, options),
  reference: (x: RefArray, w: RefArray, b?: RefArray) => refConv(x, w, withBias ? (b ?? null) : null, options),
});

describeOp('conv2d', {
  fn: (x, w, b) => conv2d(x!, w!, b, { padding: 1 }),
  reference: (x, w, b) => refConv(x!, w!, b!, { padding: 1 }),
  samples: [{ label: '1x2x4x4 * 3x2x3x3 + bias, padding 1', inputs: [[1, 2, 4, 4], [3, 2, 3, 3], [3]] }],
  errors: [
    { label: 'channel mismatch', inputs: [[1, 3, 4, 4], [2, 2, 3, 3], [2]], message: 'conv2d: weight expects 2 input channels, input has 3 (input 1x3x4x4, weight 2x2x3x3', type: ShapeError },
    { label: 'groups not dividing channels', inputs: [[1, 3, 4, 4], [2, 1, 3, 3], [2]], fn: (x, w) => conv2d(x!, w!, null, { groups: 2 }), message: 'conv2d: groups 2 must divide input channels 3', type: ShapeError },
    { label: 'a window larger than the padded input', inputs: [[1, 1, 2, 2], [1, 1, 3, 3], [1]], message: /^conv2d: window 3x3 .* does not fit input 2x2/, type: ShapeError, fn: (x, w) => conv2d(x!, w!) },
    { label: 'a bad bias', inputs: [[1, 1, 3, 3], [2, 1, 2, 2], [3]], message: 'conv2d: bias must have shape 2 (got 3)', type: ShapeError },
  ],
});
const strided = convCase({ stride: 2, padding: 1, dilation: 1 }, false);
describeOp('conv2d', {
  fn: (x, w) => strided.fn(x!, w!),
  reference: (x, w) => strided.reference(x!, w!),
  samples: [{ label: '(C,H,W) 2x5x5, stride 2, padding 1, no bias', inputs: [[2, 5, 5], [2, 2, 2, 2]] }],
});
const grouped = convCase({ groups: 2, dilation: 2 }, true);
describeOp('conv2d', {
  fn: (x, w, b) => grouped.fn(x!, w!, b),
  reference: (x, w, b) => grouped.reference(x!, w!, b),
  samples: [{ label: 'groups 2, dilation 2, batch 2', inputs: [[2, 4, 3, 3], [2, 2, 2, 2], [2]] }],
});
const mixed = convCase({ groups: 3, stride: [2, 1], padding: [1, 2], dilation: [1, 2] }, true);
describeOp('conv2d', {
  fn: (x, w, b) => mixed.fn(x!, w!, b),
  reference: (x, w, b) => mixed.reference(x!, w!, b),
  samples: [{ label: 'groups 3, stride 2x1, padding 1x2, dilation 1x2, 2x3 kernel, batch 3', inputs: [[3, 6, 5, 4], [6, 2, 2, 3], [6]] }],
});
const groupedNoBias = convCase({ groups: 2, padding: 1 }, false);
describeOp('conv2d', {
  fn: (x, w) => groupedNoBias.fn(x!, w!),
  reference: (x, w) => groupedNoBias.reference(x!, w!),
  samples: [{ label: 'groups 2, padding 1, batch 2, no bias', inputs: [[2, 2, 3, 4], [4, 1, 3, 3]] }],
});

// The whole-batch (taps-major) composition the WASM backend uses, run here on the JS backend through the internal
// entry point so its forward, gradcheck and gradgradcheck are checked in float64 too.
function tapsConv(options: Conv2dOptions): (x: Tensor, w: Tensor, b?: Tensor) => Tensor {
  return (x, w, b) => {
    const [, , kh, kw] = w.shape as [number, number, number, number];
    const { geometry, size } = convGeometry(
      'conv2d', x.shape.slice(1) as [number, number, number], [kh, kw], pairOf(options.stride, 1), pairOf(options.padding, 0), pairOf(options.dilation, 1),
    );
    return convolveUnfolded(x, w, b ?? null, geometry, size, options.groups ?? 1, 'taps');
  };
}
const tapsMixed = { groups: 3, stride: [2, 1], padding: [1, 2], dilation: [1, 2] } as const;
describeOp('conv2d', {
  fn: (x, w, b) => tapsConv(tapsMixed)(x!, w!, b),
  reference: (x, w, b) => refConv(x!, w!, b!, tapsMixed),
  samples: [{ label: 'taps-major: groups 3, stride 2x1, padding 1x2, dilation 1x2, 2x3 kernel, batch 3', inputs: [[3, 6, 5, 4], [6, 2, 2, 3], [6]] }],
});
describeOp('conv2d', {
  fn: (x, w) => tapsConv({ padding: 1, groups: 2 })(x!, w!),
  reference: (x, w) => refConv(x!, w!, null, { padding: 1, groups: 2 }),
  samples: [{ label: 'taps-major: groups 2, padding 1, batch 2, no bias', inputs: [[2, 2, 3, 4], [4, 1, 3, 3]] }],
});
describeOp('channelsToBatch', {
  fn: (x) => channelsToBatch(x!),
  reference: (x) => swapPlanes(x!),
  samples: [{ label: '(C, N, H, W) 3x2x2x3 viewed as (N, C, H, W)', inputs: [[3, 2, 2, 3]] }],
});
describeOp('col2im', {
  fn: (x) => channelsToBatchCopy(x!),
  reference: (x) => swapPlanes(x!),
  samples: [{ label: 'a 1x1 fold copies (C, N, H, W) 3x2x2x3 to (N, C, H, W)', inputs: [[3, 2, 2, 3]] }],
});
describeOp('im2col', {
  fn: (x) => batchToChannels(x!),
  reference: (x) => swapPlanes(x!),
  samples: [{ label: 'a 1x1 unfold copies (N, C, H, W) 2x3x2x3 to (C, N, H, W)', inputs: [[2, 3, 2, 3]] }],
});

describe('conv2d', () => {
  it('has a non-zero Hessian-vector product through conv2d∘tanh matching finite differences', () => {
    const random = new Random(7);
    const fill = (n: number): Float64Array => random.fillUniform(new Float64Array(n), -1, 1);
    const w = tensor64(fill(2 * 1 * 2 * 2), [2, 1, 2, 2]);
    const v = tensor64(fill(9), [1, 1, 3, 3]);
    const x0 = fill(9);
    const loss = (x: Tensor): Tensor => sum(mul(tanh(conv2d(x, w, null, { padding: 1 })), tanh(conv2d(x, w, null, { padding: 1 }))));
    const gradAt = (data: Float64Array): Tensor => {
      const x = tensor64(data, [1, 1, 3, 3], { requiresGrad: true });
      return gradients(loss(x), [x])[0]!;
    };
    const x = tensor64(x0, [1, 1, 3, 3], { requiresGrad: true });
    const [g] = gradients(loss(x), [x], { createGraph: true });
    const [hv] = gradients(sum(mul(g!, v)), [x]);
    const eps = 1e-6;
    const plus = gradAt(x0.map((value, i) => value + eps * (v.data[i] as number)));
    const minus = gradAt(x0.map((value, i) => value - eps * (v.data[i] as number)));
    const numeric = Array.from(plus.data, (value, i) => (value - (minus.data[i] as number)) / (2 * eps));
    expect(Math.max(...Array.from(hv!.data, Math.abs))).toBeGreaterThan(1e-3);
    Array.from(hv!.data).forEach((value, i) => expect(value).toBeCloseTo(numeric[i] as number, 6));
  });

  it('im2col and col2im are adjoint: <im2col(x), c> = <x, col2im(c)>', () => {
    const random = new Random(3);
    const g = geometryOf(2, 4, 3, 2, 1, 1, 1);
    const x = tensor64(random.fillUniform(new Float64Array(24)), [1, 2, 4, 3]);
    const cols = im2col(x, g);
    const c = tensor64(random.fillUniform(new Float64Array(cols.size)), cols.shape);
    expect(sum(mul(cols, c)).item()).toBeCloseTo(sum(mul(x, col2im(c, g))).item(), 12);
  });

  it('gives the same values, gradients and second derivatives on the WASM backend (taps-major fast path)', () => {
    const random = new Random(11);
    const fill = (n: number): Float64Array => random.fillUniform(new Float64Array(n), -1, 1);
    const [xData, wData, bData, vData] = [fill(5 * 4 * 6 * 5), fill(6 * 2 * 3 * 3), fill(6), fill(5 * 4 * 6 * 5)];
    const run = (backend: Backend, dtype: 'f32' | 'f64'): number[][] =>
      withBackend(backend, () => {
        const [x, w, b] = [xData, wData, bData].map((data) => tensor(data, { dtype, requiresGrad: true })) as [Tensor, Tensor, Tensor];
        const y = conv2d(reshape(x, [5, 4, 6, 5]), reshape(w, [6, 2, 3, 3]), b, { groups: 2, stride: [1, 2], padding: 1 });
        const loss = sum(mul(tanh(y), y));
        const [gx, gw, gb] = gradients(loss, [x, w, b], { createGraph: true });
        // Hessian-vector product w.r.t. x along v: exercises the VJPs of the unfold ops' own VJPs.
        const [hv] = gradients(sum(mul(gx!, tensor(vData, { dtype }))), [x]);
        return [y, gx!, gw!, gb!, hv!].map((t) => Array.from(t.data));
      });
    const wasm = createWasmBackendSync();
    for (const dtype of ['f32', 'f64'] as const) {
      const expected = run(createJsBackend(), dtype);
      const actual = run(wasm, dtype);
      const tolerance = dtype === 'f32' ? 1e-4 : 1e-10;
      expected.forEach((values, which) => values.forEach((value, i) => {
        expect(Math.abs((actual[which]![i] as number) - value), `output ${which} element ${i}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(value)));
      }));
      expect(Math.max(...expected[4]!.map(Math.abs))).toBeGreaterThan(1e-3);
    }
  });
});
