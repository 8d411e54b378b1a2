import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refMap } from '../../testing/reference';
import type { Tensor } from '../../tensor';
import { sum } from '../reduce/sum';
import { abs } from './abs';
import { ceil } from './ceil';
import { cos } from './cos';
import { erf } from './erf';
import { expm1 } from './expm1';
import { floor } from './floor';
import { log1p } from './log1p';
import { pow } from './pow';
import { reciprocal } from './reciprocal';
import { round } from './round';
import { scale } from './scale';
import { sign } from './sign';
import { sin } from './sin';
import { sqrt } from './sqrt';
import { square } from './square';

// erf from its Maclaurin series, independent of the kernel's Chebyshev fit; exact to ~1e-15 for |x| ≤ 3.
function erfSeries(x: number): number {
  let term = x;
  let total = x;
  for (let n = 1; Math.abs(term) > 1e-18 * Math.abs(total) && n < 200; n++) {
    term *= (-x * x) / n;
    total += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * total;
}

function roundHalfEven(v: number): number {
  const down = Math.floor(v);
  const fraction = v - down;
  if (fraction !== 0.5) return Math.round(v);
  return down % 2 === 0 ? down : down + 1;
}

const integerInput = { label: 'integer input', inputs: [() => tensor([1, 2], { dtype: 'i32' })], message: 'needs a float tensor (got i32)', type: DTypeError } as const;
const unarySamples = [{ inputs: [[2, 3]] }, { label: 'rank 0', inputs: [[]] }, { label: 'rank 3', inputs: [[2, 3, 4]] }] as const;
const binarySamples = [
  { inputs: [[2, 3], [2, 3]] },
  { label: 'broadcast row', inputs: [[4, 3], [3]] },
  { label: 'broadcast both', inputs: [[3, 1], [1, 4]] },
  { label: 'scalar', inputs: [[2, 2], []] },
] as const;

const grad = (f: (x: Tensor) => Tensor, values: number[]): number[] => {
  const x = tensor64(values, [values.length], { requiresGrad: true });
  return Array.from(gradients(sum(f(x)), [x])[0]!.data);
};

describeOp('pow', {
  fn: (a, b) => pow(a!, b!),
  reference: (a, b) => refMap([a!, b!], Math.pow),
  samples: binarySamples.map((sample) => ({ ...sample, domain: [0.5, 2] as const })),
  errors: [{ label: 'unbroadcastable shapes', inputs: [[2, 3], [4, 3]], message: 'shapes 2x3 and 4x3 cannot be broadcast', type: ShapeError }],
});
describeOp('pow', {
  fn: (a) => pow(a!, 3),
  reference: (a) => refMap([a!], (x) => x ** 3),
  samples: [{ label: 'number exponent 3, negative bases', inputs: [[2, 3]] }],
});
describeOp('pow', {
  fn: (b) => pow(2, b!),
  reference: (b) => refMap([b!], (x) => 2 ** x),
  samples: [{ label: 'number base', inputs: [[4]] }],
});
describeOp('sqrt', { fn: (x) => sqrt(x!), reference: (x) => refMap([x!], Math.sqrt), samples: unarySamples.map((s) => ({ ...s, domain: [0.5, 3] as const })), errors: [integerInput] });
describeOp('abs', { fn: (x) => abs(x!), reference: (x) => refMap([x!], Math.abs), samples: unarySamples });
describeOp('square', { fn: (x) => square(x!), reference: (x) => refMap([x!], (v) => v * v), samples: unarySamples });
describeOp('sign', { fn: (x) => sign(x!), reference: (x) => refMap([x!], Math.sign), samples: unarySamples });
describeOp('sin', { fn: (x) => sin(x!), reference: (x) => refMap([x!], Math.sin), samples: unarySamples, errors: [integerInput] });
describeOp('cos', { fn: (x) => cos(x!), reference: (x) => refMap([x!], Math.cos), samples: unarySamples, errors: [integerInput] });
describeOp('erf', { fn: (x) => erf(x!), reference: (x) => refMap([x!], erfSeries), samples: unarySamples, errors: [integerInput] });
describeOp('log1p', { fn: (x) => log1p(x!), reference: (x) => refMap([x!], (v) => Math.log(1 + v)), samples: unarySamples.map((s) => ({ ...s, domain: [-0.5, 2] as const })), errors: [integerInput], tolerance: { f64: 1e-12 } });
describeOp('expm1', { fn: (x) => expm1(x!), reference: (x) => refMap([x!], (v) => Math.exp(v) - 1), samples: unarySamples, errors: [integerInput], tolerance: { f64: 1e-12 } });
describeOp('reciprocal', { fn: (x) => reciprocal(x!), reference: (x) => refMap([x!], (v) => 1 / v), samples: unarySamples.map((s) => ({ ...s, domain: [0.5, 2] as const })), errors: [integerInput] });
describeOp('floor', { fn: (x) => floor(x!), reference: (x) => refMap([x!], Math.floor), samples: unarySamples });
describeOp('ceil', { fn: (x) => ceil(x!), reference: (x) => refMap([x!], Math.ceil), samples: unarySamples });
describeOp('round', { fn: (x) => round(x!), reference: (x) => refMap([x!], roundHalfEven), samples: unarySamples });
describeOp('scale', {
  fn: (x) => scale(x!, 2.5),
  reference: (x) => refMap([x!], (v) => 2.5 * v),
  samples: unarySamples,
});
// A separate registration for the bad factor, since `fn` closes over the attribute.
describeOp('scale', {
  fn: (x) => scale(x!, JSON.parse('"2"') as number),
  reference: (x) => x!,
  samples: [],
  errors: [{ label: 'a non-number factor', inputs: [[2]], message: 'the factor must be a number (got string)', type: DTypeError }],
});

describe('pow: documented edge cases', () => {
  it('gives the exponent gradient 0 at a zero base with a non-negative exponent (PyTorch)', () => {
    const a = tensor64([0, 0, 2]);
    const b = tensor64([0, 2, 3], [3], { requiresGrad: true });
    const [gradB] = gradients(sum(pow(a, b)), [b]);
    expect(Array.from(gradB!.data)).toEqual([0, 0, 8 * Math.log(2)]);
  });

  it('gives a NaN exponent gradient for a negative base (no real logarithm)', () => {
    const b = tensor64([2], [1], { requiresGrad: true });
    const [gradB] = gradients(sum(pow(tensor64([-2]), b)), [b]);
    expect(gradB!.data[0]).toBeNaN();
  });

  it('gives the base gradient 0 where the exponent is 0, even at a zero base', () => {
    expect(grad((a) => pow(a, tensor64([0, 0, 1])), [0, 3, 0])).toEqual([0, 0, 1]);
    expect(grad((a) => pow(a, 2), [0, -3])).toEqual([0, -6]);
  });

  it('has finite second derivatives at a zero base', () => {
    const a = tensor64([0, 1], [2], { requiresGrad: true });
    const [first] = gradients(sum(pow(a, 2)), [a], { createGraph: true });
    const [second] = gradients(sum(first!), [a]);
    expect(Array.from(second!.data)).toEqual([2, 2]);
  });

  it('gives NaN for a negative base with a fractional exponent', () => {
    expect(pow(tensor64([-8]), 1 / 3).data[0]).toBeNaN();
  });
});

describe('kinks and special values', () => {
  it('abs has gradient sign(x), so 0 at exactly 0', () => {
    expect(grad(abs, [-2, 0, 3])).toEqual([-1, 0, 1]);
  });

  it('sign, floor, ceil and round have zero gradients (explicit zeros in .grad)', () => {
    for (const f of [sign, floor, ceil, round]) expect(grad(f, [-1.5, 0, 2.5])).toEqual([0, 0, 0]);
    const x = tensor32([1, -2], [2], { requiresGrad: true });
    sum(sign(x)).backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0]);
  });

  it('sign keeps NaN and round rounds halves to even', () => {
    expect(sign(tensor64([Number.NaN])).data[0]).toBeNaN();
    expect(round(tensor64([0.5, 1.5, 2.5, -2.5])).toList()).toEqual([0, 2, 2, -2]);
  });

  it('sqrt has an infinite gradient at 0, like PyTorch', () => {
    expect(grad(sqrt, [0, 4])).toEqual([Infinity, 0.25]);
  });

  it('integer-friendly ops keep i32', () => {
    const x = tensor([-3, 2], { dtype: 'i32' });
    for (const f of [abs, square, sign, floor, ceil, round]) expect(f(x).dtype).toBe('i32');
    expect(abs(x).toList()).toEqual([3, 2]);
    expect(scale(x, 2).dtype).toBe('i32');
    expect(scale(x, 0.5).toList()).toEqual([-1.5, 1]);
  });

  it('erf matches known values and saturates without NaN', () => {
    expect(erf(tensor64([1])).data[0]).toBeCloseTo(0.8427007929497149, 15);
    expect(Array.from(erf(tensor64([-1000, 1000])).data)).toEqual([-1, 1]);
    expect(grad(erf, [-1000, 1000])).toEqual([0, 0]);
  });

  it('sin and cos differentiate into each other to any order', () => {
    const x = tensor64([0.3, 1.2], [2], { requiresGrad: true });
    const [first] = gradients(sum(sin(x)), [x], { createGraph: true });
    const [second] = gradients(sum(first!), [x], { createGraph: true });
    const [third] = gradients(sum(second!), [x]);
    expect(third!.data[0]).toBeCloseTo(-Math.cos(0.3), 14);
    expect(third!.data[1]).toBeCloseTo(-Math.cos(1.2), 14);
  });
});
