import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { normalizeAxes } from '../../internal/axes';
import type { Tensor } from '../../tensor';
import { describeOp, type OpErrorCase, type OpSample } from '../../testing/describe-op';
import { gradcheck, gradgradcheck } from '../../testing/gradcheck';
import { refBuild, refMap, refReduce, type RefArray } from '../../testing/reference';
import { mul } from '../elementwise/mul';
import { cast } from '../linalg/cast';
import { argmax } from './argmax';
import { argmin } from './argmin';
import { logsumexp } from './logsumexp';
import { max } from './max';
import { mean } from './mean';
import { min } from './min';
import { prod } from './prod';
import { sum, type ReduceOptions } from './sum';
import { variance } from './variance';

type Reduction = (x: Tensor, options: ReduceOptions) => Tensor;
type Reference = (x: RefArray, axes: number[], keepDims: boolean) => RefArray;

const configs: readonly { options: ReduceOptions; samples: readonly OpSample[] }[] = [
  { options: {}, samples: [{ inputs: [[2, 3]] }, { label: '0-d', inputs: [[]] }, { label: 'size 1', inputs: [[1]] }] },
  { options: { axis: 1 }, samples: [{ inputs: [[2, 3, 2]] }, { inputs: [[3, 4]] }] },
  { options: { axis: -1, keepDims: true }, samples: [{ inputs: [[2, 3, 2]] }, { inputs: [[4]] }] },
  { options: { axis: [0, 2] }, samples: [{ inputs: [[2, 3, 2]] }] },
];

const labelled = (sample: OpSample, options: object): OpSample => ({
  ...sample,
  label: `${sample.label ?? sample.inputs.map((shape) => `[${String(shape)}]`).join(' ')} ${JSON.stringify(options)}`,
});

/** Registers error cases that need their own call (the battery calls one fn per spec). */
function describeErrors(name: string, fn: (x: Tensor) => Tensor, errors: OpErrorCase[]): void {
  describeOp(name, { fn: (x) => fn(x!), reference: (x) => x!, samples: [], errors });
}

/** The battery for every configuration, plus the axis errors every reduction shares. */
function describeReduction(name: string, fn: Reduction, reference: Reference, keep: (sample: OpSample) => boolean = () => true): void {
  configs.forEach(({ options, samples }) => {
    describeOp(name, {
      fn: (x) => fn(x!, options),
      reference: (x) => reference(x!, normalizeAxes(name, options.axis, x!.shape.length), options.keepDims ?? false),
      samples: samples.filter(keep).map((sample) => labelled(sample, options)),
    });
  });
  describeErrors(name, (x) => fn(x, { axis: 1 }), [{ label: 'axis out of range', inputs: [[2]], message: `${name}: axis 1 is out of range for rank 1`, type: ShapeError }]);
  describeErrors(name, (x) => fn(x, { axis: [0, -2] }), [{ label: 'repeated axis', inputs: [[2, 2]], message: `${name}: repeated axis in [0, -2]`, type: ShapeError }]);
}

const count = (x: RefArray, axes: number[]): number => axes.reduce((product, axis) => product * x.shape[axis]!, 1);
const refSum: Reference = (x, axes, keepDims) => refReduce(x, axes, keepDims, (a, v) => a + v, 0);
const integer = (): Tensor => tensor([1, 2], { dtype: 'i32' });

const integerInput: OpErrorCase = { label: 'integer input', inputs: [integer], message: 'needs a float tensor (got i32)', type: DTypeError };
const emptyAxis = (name: string): OpErrorCase => ({ label: 'empty axis', inputs: [() => tensor64([], [2, 0])], message: `${name}: cannot reduce the empty axis 1 (2x0)`, type: ShapeError });

describeReduction('sum', sum, refSum);
describeReduction('mean', mean, (x, axes, keepDims) => refMap([refSum(x, axes, keepDims)], (v) => v / count(x, axes)));
describeErrors('mean', (x) => mean(x), [integerInput]);
describeReduction('prod', prod, (x, axes, keepDims) => refReduce(x, axes, keepDims, (a, v) => a * v, 1));
describeReduction('max', max, (x, axes, keepDims) => refReduce(x, axes, keepDims, Math.max, -Infinity));
describeErrors('max', (x) => max(x), [emptyAxis('max')]);
describeReduction('min', min, (x, axes, keepDims) => refReduce(x, axes, keepDims, Math.min, Infinity));
describeErrors('min', (x) => min(x, { axis: -1 }), [emptyAxis('min')]);
describeReduction('logsumexp', logsumexp, (x, axes, keepDims) => refMap([refSum(refMap([x], Math.exp), axes, keepDims)], Math.log));
describeErrors('logsumexp', (x) => logsumexp(x), [integerInput]);

const refVariance = (correction: number): Reference => (x, axes, keepDims) => {
  const centre = refMap([refSum(x, axes, true)], (v) => v / count(x, axes));
  const squares = refSum(refMap([x, centre], (v, m) => (v - m) ** 2), axes, keepDims);
  return refMap([squares], (v) => v / Math.max(0, count(x, axes) - correction));
};
// One element with Bessel's correction divides by 0 (NaN, as in PyTorch): those samples use correction 0 below.
describeReduction('variance', variance, refVariance(1), (sample) => sample.inputs.some((shape) => typeof shape !== 'function' && shape.length > 0 && shape.join() !== '1'));
describeErrors('variance', (x) => variance(x), [integerInput]);
describeOp('variance', {
  fn: (x) => variance(x!, { axis: 0, correction: 0 }),
  reference: (x) => refVariance(0)(x!, [0], false),
  samples: [{ label: 'population variance', inputs: [[4, 2]] }, { label: 'one element', inputs: [[1]] }],
});
describeOp('variance', {
  fn: (x) => variance(x!, { correction: 0 }),
  reference: (x) => refVariance(0)(x!, x!.shape.map((_, axis) => axis), false),
  samples: [{ label: '0-d, population', inputs: [[]] }],
});

/** The first index of the extremum along `axis` (or of the flattened array). */
function refArg(better: (a: number, b: number) => boolean, axis: number | undefined, keepDims: boolean): (x: RefArray) => RefArray {
  return (x) => {
    const flat = axis === undefined;
    const shape = flat ? [x.data.length] : x.shape;
    const along = flat ? 0 : axis < 0 ? axis + shape.length : axis;
    const strides = shape.map((_, d) => shape.slice(d + 1).reduce((p, e) => p * e, 1));
    const kept = shape.map((extent, d) => (d === along ? 1 : extent));
    const result = refBuild(kept, (index) => {
      const base = index.reduce((offset, i, d) => offset + i * strides[d]!, 0);
      let best = 0;
      for (let k = 1; k < shape[along]!; k++) if (better(x.data[base + k * strides[along]!]!, x.data[base + best * strides[along]!]!)) best = k;
      return best;
    });
    const outShape = flat ? (keepDims ? x.shape.map(() => 1) : []) : keepDims ? kept : kept.filter((_, d) => d !== along);
    return { shape: outShape, data: result.data };
  };
}
const argConfigs = [
  { options: {}, samples: [{ inputs: [[2, 3]] }, { label: '0-d', inputs: [[]] }] },
  { options: { axis: 1 }, samples: [{ inputs: [[2, 3, 2]] }] },
  { options: { axis: -1, keepDims: true }, samples: [{ inputs: [[3, 4]] }] },
  { options: { keepDims: true }, samples: [{ inputs: [[2, 2]] }] },
] as const;
for (const [name, fn, better] of [
  ['argmax', argmax, (a: number, b: number) => a > b],
  ['argmin', argmin, (a: number, b: number) => a < b],
] as const) {
  argConfigs.forEach(({ options, samples }, index) => {
    describeOp(name, {
      // Cast back to the input's float dtype: the battery compares dtypes of float ops (the i32 result is tested below).
      fn: (x) => cast(fn(x!, options), x!.dtype),
      reference: (x) => refArg(better, 'axis' in options ? options.axis : undefined, 'keepDims' in options ? options.keepDims : false)(x!),
      samples: samples.map((sample) => labelled(sample, options)),
      differentiable: false,
      ...(index === 1
        ? {
            errors: [
              { label: 'axis out of range', inputs: [[2]], message: `${name}: axis 1 is out of range for rank 1`, type: ShapeError },
              { label: 'empty axis', inputs: [() => tensor64([], [2, 0, 1])], message: `${name}: cannot reduce the empty axis 1 (2x0x1)`, type: ShapeError },
            ],
          }
        : {}),
    });
  });
}

const grad = (fn: (x: Tensor) => Tensor, values: number[]): number[] => {
  const x = tensor64(values, [values.length], { requiresGrad: true });
  return Array.from(gradients(fn(x), [x])[0]!.data);
};

describe('prod at zeros and negative values', () => {
  it('gives the true gradient Π_{j≠i} x_j', () => {
    expect(grad((x) => prod(x), [2, 0, 3])).toEqual([0, 6, 0]);
    expect(grad((x) => prod(x), [0, 0, 3])).toEqual([0, 0, 0]);
    expect(grad((x) => prod(x), [-2, 3, -1])).toEqual([-3, 2, -6]);
    expect(grad((x) => prod(x), [5])).toEqual([1]);
  });

  it('gives the true second derivative with one or two zeros', () => {
    // ∂²(x0·x1·x2)/∂x0∂x1 = x2: with [0, 0, 3] the Hessian row of x0 is [0, 3, 0].
    const x = tensor64([0, 0, 3], [3], { requiresGrad: true });
    const [first] = gradients(prod(x), [x], { createGraph: true });
    const [row] = gradients(sum(mul(first!, tensor64([1, 0, 0]))), [x]);
    expect(Array.from(row!.data)).toEqual([0, 3, 0]);
    gradgradcheck((t) => prod(t), [tensor64([2, 0, 3])]);
    gradgradcheck((t) => prod(t), [tensor64([0, 0, 3])]);
    gradgradcheck((t) => prod(t, { axis: 1 }), [tensor64([0, 1, 2, 0, 0, 3], [2, 3])]);
    gradcheck((t) => prod(t, { axis: [0, 1] }), [tensor64([0, 1, 2, 0, -1, 3], [2, 3])]);
  });
});

describe('max and min', () => {
  it('split the gradient evenly among ties', () => {
    expect(grad((x) => max(x), [1, 3, 3])).toEqual([0, 0.5, 0.5]);
    expect(grad((x) => min(x), [2, 2, 2, 5])).toEqual([1 / 3, 1 / 3, 1 / 3, 0]);
    const x = tensor64([4, 4, 1, 2], [2, 2], { requiresGrad: true });
    expect(gradients(sum(max(x, { axis: 1 })), [x])[0]?.toList()).toEqual([[0.5, 0.5], [0, 1]]);
  });

  it('are differentiable again (second derivative zero)', () => {
    const x = tensor64([1, 3, 3], [3], { requiresGrad: true });
    const [first] = gradients(max(x), [x], { createGraph: true });
    const [second] = gradients(sum(first!.mul(tensor64([1, 2, 3]))), [x]);
    expect(Array.from(second!.data)).toEqual([0, 0, 0]);
  });
});

describe('argmax and argmin', () => {
  it('return the first occurrence as i32', () => {
    const result = argmax(tensor([1, 7, 7, 3]));
    expect(result.dtype).toBe('i32');
    expect(result.item()).toBe(1);
    expect(argmin(tensor([[2, 0, 0], [5, 5, 9]]), { axis: 1 }).toList()).toEqual([1, 0]);
  });
});

describe('logsumexp and mean', () => {
  it('logsumexp stays finite at ±1000', () => {
    expect(logsumexp(tensor64([1000, 1000])).item()).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logsumexp(tensor64([-1000, -1000])).item()).toBeCloseTo(-1000 + Math.log(2), 10);
    expect(logsumexp(tensor64([-Infinity, -Infinity])).item()).toBe(-Infinity);
    expect(logsumexp(tensor64([Infinity, 1])).item()).toBe(Infinity);
  });

  it('has softmax as its gradient', () => {
    const g = grad((x) => logsumexp(x), [1000, 1000, 1000 - Math.log(2)]);
    expect(g[0]).toBeCloseTo(0.4, 12);
    expect(g[2]).toBeCloseTo(0.2, 12);
  });

  it('mean of an empty axis is NaN; variance matches PyTorch', () => {
    expect(mean(tensor64([], [0])).item()).toBeNaN();
    expect(variance(tensor64([1, 2, 3, 4])).item()).toBeCloseTo(5 / 3, 12);
    expect(variance(tensor64([2]), { correction: 1 }).item()).toBeNaN();
  });
});
