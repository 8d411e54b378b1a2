import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp, type OpSample } from '../../testing/describe-op';
import { refBuild, refReduce, type RefArray } from '../../testing/reference';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { logSoftmax } from './log-softmax';
import { softmax } from './softmax';

/** Softmax from its definition, along one axis, in float64 (values stay small in the samples). */
function refSoftmax(x: RefArray, axis: number, log: boolean): RefArray {
  if (x.shape.length === 0) return { shape: [], data: new Float64Array([log ? 0 : 1]) };
  const along = axis < 0 ? axis + x.shape.length : axis;
  const totals = refReduce({ shape: x.shape, data: x.data.map(Math.exp) }, [along], true, (a, v) => a + v, 0);
  const strides = x.shape.map((_, d) => x.shape.slice(d + 1).reduce((p, e) => p * e, 1));
  return refBuild(x.shape, (index) => {
    const value = x.data[index.reduce((offset, i, d) => offset + i * strides[d]!, 0)]!;
    const keptStrides = totals.shape.map((_, d) => totals.shape.slice(d + 1).reduce((p, e) => p * e, 1));
    const total = totals.data[index.reduce((offset, i, d) => offset + (d === along ? 0 : i) * keptStrides[d]!, 0)]!;
    return log ? value - Math.log(total) : Math.exp(value) / total;
  });
}

const configs: readonly { axis?: number; samples: readonly OpSample[] }[] = [
  { samples: [{ inputs: [[2, 3]] }, { inputs: [[4]] }, { label: '0-d', inputs: [[]] }, { label: 'size-1 axis', inputs: [[3, 1]] }] },
  { axis: 0, samples: [{ inputs: [[3, 2]] }] },
  { axis: 1, samples: [{ inputs: [[2, 3, 2]] }] },
  { axis: -3, samples: [{ inputs: [[2, 2, 3]] }] },
];

for (const [name, fn, log] of [
  ['softmax', softmax, false],
  ['logSoftmax', logSoftmax, true],
] as const) {
  configs.forEach(({ axis, samples }) => {
    describeOp(name, {
      fn: (x) => fn(x!, axis === undefined ? {} : { axis }),
      reference: (x) => refSoftmax(x!, axis ?? -1, log),
      samples: samples.map((sample) => ({ ...sample, label: `${sample.label ?? `[${String(sample.inputs[0])}]`} axis ${axis ?? 'default'}` })),
    });
  });
  describeOp(name, {
    fn: (x) => fn(x!, { axis: 2 }),
    reference: (x) => x!,
    samples: [],
    errors: [
      { label: 'axis out of range', inputs: [[2, 3]], message: `${name}: axis 2 is out of range for rank 2`, type: ShapeError },
      { label: 'integer input', inputs: [() => tensor([1, 2], { dtype: 'i32' })], message: `${name}: needs a float tensor (got i32)`, type: DTypeError },
    ],
  });
}

describe('softmax and logSoftmax at extreme logits', () => {
  it('stay finite at ±1000 in float32 and float64', () => {
    for (const make of [tensor32, tensor64]) {
      const logits = make([1000, -1000, 999, 0], [2, 2]);
      const probabilities = softmax(logits).toList() as number[][];
      expect(probabilities[0]![0]).toBe(1);
      expect(probabilities[0]![1]).toBe(0);
      expect(probabilities[1]![0]).toBeCloseTo(1, 6);
      const logs = logSoftmax(logits).toList() as number[][];
      expect(logs[0]).toEqual([0, -2000]);
      expect(logs[1]![0]).toBeCloseTo(0, 6);
      expect(logs[1]![1]).toBeCloseTo(-999, 3);
    }
  });

  it('gives finite gradients at ±1000', () => {
    const x = tensor64([1000, -1000, 0], [3], { requiresGrad: true });
    const weights = tensor64([1, 2, 3]);
    for (const fn of [softmax, logSoftmax]) {
      const [grad] = gradients(sum(mul(fn(x), weights)), [x]);
      expect(Array.from(grad!.data).every(Number.isFinite)).toBe(true);
    }
    // d/dx Σ w·logSoftmax(x) = w - softmax(x)·Σw = [1 - 6, 2, 3].
    const [grad] = gradients(sum(mul(logSoftmax(x), weights)), [x]);
    expect(Array.from(grad!.data)).toEqual([-5, 2, 3]);
  });

  it('handles infinite logits: -∞ gets weight 0, a +∞ or all--∞ row gives NaN where the shift cannot help', () => {
    expect(softmax(tensor([[-Infinity, 0, 0], [-Infinity, -Infinity, -Infinity], [Infinity, 1, 2]], { dtype: 'f64' })).toList()).toEqual([
      [0, 0.5, 0.5],
      [NaN, NaN, NaN],
      [NaN, 0, 0],
    ]);
    const [a, b, c, d] = Array.from(softmax(tensor([[1, 3], [NaN, 0]], { dtype: 'f64' }), { axis: 0 }).data);
    expect([a, c]).toEqual([NaN, NaN]);
    expect(b!).toBeCloseTo(1 / (1 + Math.exp(-3)), 15);
    expect(d!).toBeCloseTo(Math.exp(-3) / (1 + Math.exp(-3)), 15);
  });

  it('matches PyTorch on a small example', () => {
    const values = softmax(tensor64([1, 2, 3])).toList() as number[];
    [0.09003057317038046, 0.24472847105479767, 0.6652409557748219].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 14));
  });
});
