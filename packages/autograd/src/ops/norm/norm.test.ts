import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refMap, refReduce, type RefArray } from '../../testing/reference';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { batchNorm } from './batch-norm';
import { cosineSimilarity } from './cosine-similarity';
import { l2Normalize } from './l2-normalize';
import { layerNorm } from './layer-norm';
import { rmsnorm } from './rmsnorm';

const positive = (values: number[]) => (): Tensor => tensor64(values, [values.length]);

function refSum(x: RefArray, axes: number[]): RefArray {
  return refReduce(x, axes, true, (a, v) => a + v, 0);
}
function count(x: RefArray, axes: number[]): number {
  return axes.reduce((p, axis) => p * x.shape[axis]!, 1);
}
/** (x - mean) / sqrt(biased var + eps) over `axes`. */
function refStandardize(x: RefArray, axes: number[], epsilon: number): RefArray {
  const n = count(x, axes);
  const mean = refMap([refSum(x, axes)], (s) => s / n);
  const centered = refMap([x, mean], (v, m) => v - m);
  const variance = refMap([refSum(refMap([centered], (c) => c * c), axes)], (s) => s / n);
  return refMap([centered, variance], (c, v) => c / Math.sqrt(v + epsilon));
}
function asChannels(p: RefArray, rank: number): RefArray {
  return { shape: Array.from({ length: rank }, (_, axis) => (axis === 1 ? p.shape[0]! : 1)), data: p.data };
}

describeOp('rmsnorm', {
  fn: (x, w) => rmsnorm(x!, w!),
  reference: (x, w) => {
    const last = x!.shape.length - 1;
    const ms = refMap([refSum(refMap([x!], (v) => v * v), [last])], (s) => s / x!.shape[last]!);
    return refMap([x!, ms, w!], (v, m, g) => (v / Math.sqrt(m + 1e-6)) * g);
  },
  samples: [{ inputs: [[2, 3], [3]] }, { inputs: [[4], [4]] }, { label: 'rank 3', inputs: [[2, 2, 3], [3]] }, { label: 'size-1 axis', inputs: [[3, 1], [1]] }],
  errors: [
    { label: 'wrong weight', inputs: [[2, 3], [2]], message: 'rmsnorm: weight 2 must have shape 3 (the last axis of x 2x3)', type: ShapeError },
    { label: '0-d x', inputs: [[], [1]], message: 'rmsnorm: x must have at least one axis', type: ShapeError },
    { label: 'integer x', inputs: [() => tensor([1, 2], { dtype: 'i32' }), [2]], message: 'rmsnorm: x must be a float tensor', type: DTypeError },
  ],
});
describeOp('rmsnorm', {
  fn: (x) => rmsnorm(x!, null, { epsilon: 0.5 }),
  reference: (x) => {
    const last = x!.shape.length - 1;
    const ms = refMap([refSum(refMap([x!], (v) => v * v), [last])], (s) => s / x!.shape[last]!);
    return refMap([x!, ms], (v, m) => v / Math.sqrt(m + 0.5));
  },
  samples: [{ label: 'no weight, epsilon 0.5', inputs: [[2, 3]] }],
});

describeOp('layerNorm', {
  fn: (x, w, b) => layerNorm(x!, w, b),
  reference: (x, w, b) => refMap([refStandardize(x!, [x!.shape.length - 1], 1e-5), w!, b!], (v, g, o) => v * g + o),
  samples: [{ inputs: [[2, 3], [3], [3]] }, { label: 'rank 3', inputs: [[2, 2, 3], [3], [3]] }, { label: 'rank 1', inputs: [[4], [4], [4]] }],
  errors: [
    { label: 'weight does not broadcast', inputs: [[2, 3], [2], [3]], message: 'layerNorm: weight 2 does not broadcast to x 2x3', type: ShapeError },
    { label: 'weight too large', inputs: [[3], [2, 3], [3]], message: 'layerNorm: weight 2x3 does not broadcast to x 3', type: ShapeError },
    { label: 'bad axis', inputs: [[2, 3]], message: /^layerNorm: axis 2 is out of range/, type: ShapeError, fn: (x) => layerNorm(x!, null, null, { axis: 2 }) },
    {
      label: 'normalizedShape mismatch',
      inputs: [[2, 3]],
      message: 'layerNorm: normalizedShape 2 does not match the trailing axes of x 2x3',
      type: ShapeError,
      fn: (x) => layerNorm(x!, null, null, { normalizedShape: [2] }),
    },
  ],
});
describeOp('layerNorm', {
  fn: (x) => layerNorm(x!, null, null, { normalizedShape: [2, 3] }),
  reference: (x) => refStandardize(x!, [1, 2], 1e-5),
  samples: [{ label: 'normalizedShape [2,3]', inputs: [[2, 2, 3]] }],
});
describeOp('layerNorm', {
  fn: (x, w) => layerNorm(x!, w, undefined, { axis: [0, -1], epsilon: 0.1 }),
  reference: (x, w) => refMap([refStandardize(x!, [0, 2], 0.1), w!], (v, g) => v * g),
  samples: [{ label: 'axes [0,-1], weight [2,1,1]', inputs: [[3, 2, 2], [2, 1]] }],
});

describeOp('batchNorm', {
  fn: (x, w, b) => batchNorm(x!, { weight: w, bias: b }),
  reference: (x, w, b) => {
    const rank = x!.shape.length;
    const axes = Array.from({ length: rank }, (_, axis) => axis).filter((axis) => axis !== 1);
    return refMap([refStandardize(x!, axes, 1e-5), asChannels(w!, rank), asChannels(b!, rank)], (v, g, o) => v * g + o);
  },
  samples: [{ label: 'N,C', inputs: [[4, 3], [3], [3]] }, { label: 'N,C,H,W', inputs: [[2, 2, 2, 3], [2], [2]] }, { label: 'N,C,L', inputs: [[3, 2, 2], [2], [2]] }],
  errors: [
    { label: 'rank 1', inputs: [[3], [3], [3]], message: 'batchNorm: x must have shape [N, C, ...] (got 3)', type: ShapeError },
    { label: 'wrong weight', inputs: [[2, 3], [2], [3]], message: 'batchNorm: weight 2 must have shape 3 (the channels of x 2x3)', type: ShapeError },
    { label: 'one value per channel', inputs: [[1, 3], [3], [3]], message: 'batchNorm: training needs more than one value per channel (x 1x3)', type: ShapeError },
    { label: 'eval without running stats', inputs: [[2, 3]], message: 'batchNorm: evaluation (training: false) needs runningMean and runningVar', type: ShapeError, fn: (x) => batchNorm(x!, { training: false }) },
  ],
});
describeOp('batchNorm', {
  fn: (x, m, v) => batchNorm(x!, { runningMean: m, runningVar: v, training: false, epsilon: 0.01 }),
  reference: (x, m, v) => {
    const rank = x!.shape.length;
    return refMap([x!, asChannels(m!, rank), asChannels(v!, rank)], (value, mu, s) => (value - mu) / Math.sqrt(s + 0.01));
  },
  samples: [{ label: 'eval with running stats', inputs: [[2, 3, 2], [3], positive([0.5, 1.5, 2])] }],
});

function refNorm(x: RefArray, axes: number[]): RefArray {
  return refMap([refSum(refMap([x], (v) => v * v), axes)], Math.sqrt);
}
describeOp('l2Normalize', {
  fn: (x) => l2Normalize(x!),
  reference: (x) => refMap([x!, refNorm(x!, [x!.shape.length - 1])], (v, n) => v / Math.max(n, 1e-12)),
  samples: [{ inputs: [[2, 3]] }, { inputs: [[4]] }, { label: 'size-1 axis', inputs: [[3, 1]] }],
  errors: [{ label: 'bad axis', inputs: [[2, 3]], message: /^l2Normalize: axis 3 is out of range/, type: ShapeError, fn: (x) => l2Normalize(x!, { axis: 3 }) }],
});
describeOp('l2Normalize', {
  fn: (x) => l2Normalize(x!, { axis: [0, -1] }),
  reference: (x) => refMap([x!, refNorm(x!, [0, 2])], (v, n) => v / Math.max(n, 1e-12)),
  samples: [{ label: 'axes [0,-1]', inputs: [[2, 3, 2]] }],
});

function refCosine(a: RefArray, b: RefArray, axis: number): RefArray {
  const unitA = refMap([a, refNorm(a, [axis])], (v, n) => v / Math.max(n, 1e-8));
  const unitB = refMap([b, refNorm(b, [axis])], (v, n) => v / Math.max(n, 1e-8));
  return refReduce(refMap([unitA, unitB], (x, y) => x * y), [axis], false, (s, v) => s + v, 0);
}
describeOp('cosineSimilarity', {
  fn: (a, b) => cosineSimilarity(a!, b!),
  reference: (a, b) => refCosine(a!, b!, 1),
  samples: [{ inputs: [[2, 3], [2, 3]] }, { label: 'broadcast rows', inputs: [[3, 4], [1, 4]] }],
  errors: [{ label: 'shapes do not broadcast', inputs: [[2, 3], [4]], message: /^cosineSimilarity: .*2x3.*4/, type: ShapeError }],
});
describeOp('cosineSimilarity', {
  fn: (a, b) => cosineSimilarity(a!, b!, { axis: 0 }),
  reference: (a, b) => refCosine(a!, b!, 0),
  samples: [{ label: 'axis 0', inputs: [[3, 2], [3, 2]] }],
});

describe('normalisation specifics', () => {
  it('rmsnorm has the gradient of its definition (row-coupled) and honours a 3× upstream', () => {
    const x = tensor64([1, 2, 2], [3], { requiresGrad: true });
    const w = tensor64([1, 1, 1]);
    const [grad] = gradients(sum(rmsnorm(x, w, { epsilon: 0 })), [x]);
    // r = sqrt(3); d/dx_i Σ x_j / r = 1/r - x_i Σx / (3 r³).
    const r = Math.sqrt(3);
    [1, 2, 2].forEach((v, i) => expect(grad!.data[i]).toBeCloseTo(1 / r - (v * 5) / (3 * r ** 3), 14));
    const [thrice] = gradients(mul(sum(rmsnorm(x, w, { epsilon: 0 })), 3), [x]);
    Array.from(thrice!.data).forEach((g, i) => expect(g).toBeCloseTo(3 * grad!.data[i]!, 14));
  });

  it('batchNorm updates running statistics in place with the unbiased variance (PyTorch)', () => {
    const runningMean = tensor64([0, 0]);
    const runningVar = tensor64([1, 1]);
    const x = tensor64([1, 10, 3, 20], [2, 2]);
    const out = batchNorm(x, { runningMean, runningVar, epsilon: 0 });
    expect(out.toList()).toEqual([
      [-1, -1],
      [1, 1],
    ]);
    // Batch means [2, 15]; unbiased variances [2, 50]; momentum 0.1.
    expect(Array.from(runningMean.data)).toEqual([0.2, 1.5]);
    expect(runningVar.data[0]).toBeCloseTo(0.9 + 0.2, 14);
    expect(runningVar.data[1]).toBeCloseTo(0.9 + 5, 14);
    expect(runningMean.requiresGrad).toBe(false);
  });

  it('layerNorm matches PyTorch values', () => {
    // torch.nn.functional.layer_norm(torch.tensor([1., 2., 4.]), (3,)) with eps 1e-5.
    const out = layerNorm(tensor64([1, 2, 4])).toList() as number[];
    const mean = 7 / 3;
    const sd = Math.sqrt(((1 - mean) ** 2 + (2 - mean) ** 2 + (4 - mean) ** 2) / 3 + 1e-5);
    out.forEach((v, i) => expect(v).toBeCloseTo(([1, 2, 4][i]! - mean) / sd, 14));
  });

  it('l2Normalize and cosineSimilarity give finite gradients at zero vectors', () => {
    const x = tensor64([0, 0, 3, 4], [2, 2], { requiresGrad: true });
    expect(l2Normalize(x).toList()).toEqual([
      [0, 0],
      [0.6, 0.8],
    ]);
    const [grad] = gradients(sum(l2Normalize(x)), [x]);
    expect(Array.from(grad!.data).every(Number.isFinite)).toBe(true);
    const a = tensor64([0, 0], [2], { requiresGrad: true });
    const [ga] = gradients(cosineSimilarity(a, tensor64([1, 2])), [a]);
    expect(Array.from(ga!.data).every(Number.isFinite)).toBe(true);
    expect(cosineSimilarity(tensor64([1, 0]), tensor64([1, 1])).item()).toBeCloseTo(Math.SQRT1_2, 15);
  });
});
