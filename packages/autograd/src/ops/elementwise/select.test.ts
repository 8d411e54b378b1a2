import { describe, expect, it } from 'vitest';
import { ShapeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refMap } from '../../testing/reference';
import type { Tensor } from '../../tensor';
import { sum } from '../reduce/sum';
import { clamp } from './clamp';
import { equal } from './equal';
import { greater } from './greater';
import { greaterEqual } from './greater-equal';
import { less } from './less';
import { lessEqual } from './less-equal';
import { maximum } from './maximum';
import { minimum } from './minimum';
import { mul } from './mul';
import { notEqual } from './not-equal';
import { safeDiv } from './safe-div';
import { where } from './where';

const broadcastError = { label: 'unbroadcastable shapes', inputs: [[2, 3], [4, 3]], message: 'shapes 2x3 and 4x3 cannot be broadcast', type: ShapeError } as const;
const binarySamples = [
  { inputs: [[2, 3], [2, 3]] },
  { label: 'broadcast row', inputs: [[4, 3], [3]] },
  { label: 'broadcast both', inputs: [[3, 1], [1, 4]] },
  { label: 'scalar', inputs: [[2, 2], []] },
] as const;
// Small integers make ties, which random floats never do.
const tieSamples = [
  { label: 'ties', inputs: [() => tensor64([0, 1, 2, 1, 0, 2], [2, 3]), () => tensor64([1, 1, 1], [3])] },
  { label: 'i32 ties', inputs: [() => tensor([[0, 1, 2], [2, 1, 0]], { dtype: 'i32' }), () => tensor([1], { dtype: 'i32' })] },
];

const comparisons = [
  ['equal', equal, (x: number, y: number) => x === y],
  ['notEqual', notEqual, (x: number, y: number) => x !== y],
  ['less', less, (x: number, y: number) => x < y],
  ['lessEqual', lessEqual, (x: number, y: number) => x <= y],
  ['greater', greater, (x: number, y: number) => x > y],
  ['greaterEqual', greaterEqual, (x: number, y: number) => x >= y],
] as const;

for (const [name, op, test] of comparisons) {
  describeOp(name, {
    fn: (a, b) => op(a!, b!),
    reference: (a, b) => refMap([a!, b!], (x, y) => (test(x, y) ? 1 : 0)),
    samples: [...binarySamples, ...tieSamples],
    errors: [broadcastError],
    differentiable: false,
  });
}

describeOp('where', {
  fn: (condition, a, b) => where(condition!, a!, b!),
  reference: (condition, a, b) => refMap([condition!, a!, b!], (c, x, y) => (c !== 0 ? x : y)),
  samples: [
    { label: 'i32 condition', inputs: [() => tensor([[1, 0, 1], [0, 0, 1]], { dtype: 'i32' }), [2, 3], [2, 3]] },
    { label: 'broadcast all three', inputs: [() => tensor([0, 1, 1], { dtype: 'i32' }), [2, 1], []] },
    { label: 'float condition, broadcast', inputs: [() => tensor([[1], [0]], { dtype: 'f64' }), [1, 3], [2, 3]] },
    { label: 'rank 0', inputs: [() => tensor(0, { dtype: 'i32' }), [], []] },
  ],
  errors: [{ label: 'unbroadcastable shapes', inputs: [() => tensor([1, 0], { dtype: 'i32' }), [3], [3]], message: 'shapes 2 and 3 cannot be broadcast', type: ShapeError }],
});

describeOp('maximum', { fn: (a, b) => maximum(a!, b!), reference: (a, b) => refMap([a!, b!], Math.max), samples: binarySamples, errors: [broadcastError] });
describeOp('minimum', { fn: (a, b) => minimum(a!, b!), reference: (a, b) => refMap([a!, b!], Math.min), samples: binarySamples, errors: [broadcastError] });

const unarySamples = [{ inputs: [[2, 3]] }, { label: 'rank 0', inputs: [[]] }, { label: 'rank 3', inputs: [[2, 3, 4]] }] as const;
describeOp('clamp', { fn: (x) => clamp(x!, { min: -0.5, max: 0.7 }), reference: (x) => refMap([x!], (v) => Math.min(Math.max(v, -0.5), 0.7)), samples: unarySamples });
describeOp('clamp', { fn: (x) => clamp(x!, { min: 0.3 }), reference: (x) => refMap([x!], (v) => Math.max(v, 0.3)), samples: [{ label: 'min only', inputs: [[2, 3]] }] });
describeOp('clamp', { fn: (x) => clamp(x!, { max: 0.3 }), reference: (x) => refMap([x!], (v) => Math.min(v, 0.3)), samples: [{ label: 'max only', inputs: [[2, 3]] }] });
describeOp('clamp', { fn: (x) => clamp(x!), reference: (x) => x!, samples: [{ label: 'no bounds', inputs: [[4]] }] });

// Divisors on both sides of ±epsilon, kept away from the thresholds and from 0 (where the divisor jumps).
const divisors = (shape: number[]) => () => tensor64([1.5, -0.3, 0.2, -1.2, 0.9, -0.8].slice(0, shape.reduce((p, e) => p * e, 1)), shape);
const safeReference = (epsilon: number) => (x: number, y: number) => x / (Math.abs(y) <= epsilon ? (y < 0 ? -epsilon : epsilon) : y);
describeOp('safeDiv', {
  fn: (a, b) => safeDiv(a!, b!, { epsilon: 0.5 }),
  reference: (a, b) => refMap([a!, b!], safeReference(0.5)),
  samples: [
    { inputs: [[2, 3], divisors([2, 3])] },
    { label: 'broadcast divisor', inputs: [[4, 3], divisors([3])] },
    { label: 'broadcast both', inputs: [[3, 1], divisors([1, 2])] },
    { label: 'scalar dividend', inputs: [[], divisors([2, 3])] },
  ],
  errors: [{ ...broadcastError, inputs: [[2, 3], [4, 3]] }],
});
describeOp('safeDiv', {
  fn: (a, b) => safeDiv(a!, b!),
  reference: (a, b) => refMap([a!, b!], (x, y) => x / y),
  samples: [{ label: 'default epsilon acts as div', inputs: [[2, 3], [2, 3]], domain: [0.5, 2] }],
});

function gradsOf(f: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor): number[][] {
  const left = tensor64(Array.from(a.data), a.shape, { requiresGrad: true });
  const right = tensor64(Array.from(b.data), b.shape, { requiresGrad: true });
  return gradients(sum(f(left, right)), [left, right]).map((g) => Array.from(g.data));
}

describe('comparisons: documented behaviour', () => {
  it('treat NaN as unequal to everything', () => {
    const nan = tensor64([Number.NaN, 1]);
    expect(equal(nan, nan).toList()).toEqual([0, 1]);
    expect(notEqual(nan, nan).toList()).toEqual([1, 0]);
    expect(less(nan, 2).toList()).toEqual([0, 1]);
    expect(greaterEqual(nan, 1).toList()).toEqual([0, 1]);
  });

  it('return 0/1 in the wider input dtype and never require gradients', () => {
    const x = tensor32([1, 2], [2], { requiresGrad: true });
    expect(greater(x, 1).dtype).toBe('f32');
    expect(greater(x, 1).requiresGrad).toBe(false);
    expect(greater(x, tensor64([0, 5])).dtype).toBe('f64');
    expect(equal(tensor([1, 2], { dtype: 'i32' }), 2).dtype).toBe('i32');
    expect(equal(1, 1).toList()).toBe(1);
  });
});

describe('where: documented behaviour', () => {
  it('treats any non-zero condition, NaN included, as true', () => {
    expect(where(tensor64([2, -0.5, 0, Number.NaN]), 1, 0).toList()).toEqual([1, 1, 0, 1]);
  });

  it('sends gradients to the selected branch only, broadcasting back to each input', () => {
    const condition = tensor([[1, 0, 1], [0, 0, 1]], { dtype: 'i32' });
    const [gradA, gradB] = gradsOf((a, b) => where(condition, a, b), tensor64([1, 2, 3], [3]), tensor64([5], []));
    expect(gradA).toEqual([1, 0, 2]);
    expect(gradB).toEqual([3]);
  });

  it('passes no gradient to a float condition', () => {
    const condition = tensor64([1, 0], [2], { requiresGrad: true });
    const a = tensor64([1, 2], [2], { requiresGrad: true });
    const [gradCondition, gradA] = gradients(sum(where(condition, a, 0)), [condition, a]);
    expect(Array.from(gradCondition!.data)).toEqual([0, 0]);
    expect(Array.from(gradA!.data)).toEqual([1, 0]);
  });
});

describe('maximum and minimum: ties and NaN', () => {
  it('split the gradient 0.5/0.5 on ties, like torch.maximum', () => {
    expect(gradsOf(maximum, tensor64([1, 3, 2]), tensor64([1, 2, 3]))).toEqual([[0.5, 1, 0], [0.5, 0, 1]]);
    expect(gradsOf(minimum, tensor64([1, 3, 2]), tensor64([1, 2, 3]))).toEqual([[0.5, 0, 1], [0.5, 1, 0]]);
  });

  it('split ties against a broadcast scalar per element', () => {
    expect(gradsOf(maximum, tensor64([0, 1, 2]), tensor64([1], []))).toEqual([[0, 0.5, 1], [1.5]]);
  });

  it('propagate NaN forward and pass the gradient to both inputs (PyTorch)', () => {
    expect(maximum(tensor64([Number.NaN, 1]), tensor64([0, Number.NaN])).data.every(Number.isNaN)).toBe(true);
    expect(minimum(tensor64([Number.NaN]), 0).data[0]).toBeNaN();
    expect(gradsOf(maximum, tensor64([Number.NaN]), tensor64([1]))).toEqual([[1], [1]]);
  });
});

describe('clamp: boundaries', () => {
  it('has gradient 1 inside and on the bounds, 0 outside', () => {
    const x = tensor64([-1, 0, 0.5, 1, 2], [5], { requiresGrad: true });
    const y = clamp(x, { min: 0, max: 1 });
    expect(y.toList()).toEqual([0, 0, 0.5, 1, 1]);
    expect(Array.from(gradients(sum(y), [x])[0]!.data)).toEqual([0, 1, 1, 1, 0]);
  });

  it('keeps NaN with a zero gradient', () => {
    const x = tensor64([Number.NaN], [1], { requiresGrad: true });
    const y = clamp(x, { min: 0, max: 1 });
    expect(y.data[0]).toBeNaN();
    expect(gradients(sum(mul(y, 0)), [x])[0]!.data[0]).toBe(0);
  });

  it('gives max everywhere when min > max, like PyTorch', () => {
    expect(clamp(tensor64([-5, 0.5, 5]), { min: 1, max: 0 }).toList()).toEqual([0, 0, 0]);
  });

  it('keeps i32 for integer bounds and widens for fractional ones', () => {
    const x = tensor([-3, 0, 3], { dtype: 'i32' });
    expect(clamp(x, { min: -1, max: 1 }).dtype).toBe('i32');
    expect(clamp(x, { min: -1, max: 1 }).toList()).toEqual([-1, 0, 1]);
    expect(clamp(x, { max: 0.5 }).toList()).toEqual([-3, 0, 0.5]);
  });
});

describe('safeDiv: the guarded divisor', () => {
  it('divides by +epsilon at 0 and -0, by -epsilon just below 0, by b elsewhere', () => {
    const result = safeDiv(tensor64([1, 1, 1, 1, 1]), tensor64([0, -0, -1e-9, 1e-9, 4]), { epsilon: 1e-3 });
    expect(result.toList()).toEqual([1000, 1000, -1000, 1000, 0.25]);
  });

  it('propagates NaN in either input and never gives Infinity for finite inputs', () => {
    expect(safeDiv(tensor64([1, Number.NaN]), tensor64([Number.NaN, 2])).data.every(Number.isNaN)).toBe(true);
    expect(Array.from(safeDiv(tensor32([1, -1]), tensor32([0, 0])).data).every(Number.isFinite)).toBe(true);
  });

  it('sends gradients to both inputs; the divisor only where it was not replaced', () => {
    expect(gradsOf((a, b) => safeDiv(a, b, { epsilon: 0.5 }), tensor64([3, 3]), tensor64([2, 0.1]))).toEqual([[0.5, 2], [-0.75, 0]]);
  });

  it('rejects a negative epsilon', () => {
    expect(() => safeDiv(tensor64([1]), tensor64([1]), { epsilon: -1 })).toThrow(/^safeDiv: epsilon must be a non-negative number/);
  });
});
