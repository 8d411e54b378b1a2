import { describe, expect, it } from 'vitest';
import { tensor } from '../create';
import { add } from '../ops/elementwise/add';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import { customVjp } from '../functional/custom-vjp';
import { backward, gradients } from './backward-api';

describe('backward', () => {
  it('reproduces the hand checks of the Scheme notebook', () => {
    const a = tensor([3], { requiresGrad: true, dtype: 'f64' });
    const b = tensor([4], { requiresGrad: true, dtype: 'f64' });
    backward(sum(mul(a, b)));
    expect(a.grad?.toList()).toEqual([4]);
    expect(b.grad?.toList()).toEqual([3]);

    const x = tensor([2], { requiresGrad: true, dtype: 'f64' });
    backward(sum(mul(mul(x, x), x)));
    expect(x.grad?.toList()).toEqual([12]);

    const row = tensor([[1, 2]], { requiresGrad: true });
    backward(sum(add(row, tensor([[0, 0], [0, 0], [0, 0]]))));
    expect(row.grad?.toList()).toEqual([[3, 3]]);
  });

  it('accumulates: two calls give exactly twice the gradient', () => {
    const x = tensor([1, -2, 3], { requiresGrad: true, dtype: 'f64' });
    const loss = sum(mul(x, x));
    backward(loss);
    backward(loss);
    expect(x.grad?.toList()).toEqual([4, -8, 12]);
  });

  it('requires a seed for non-scalar outputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => backward(mul(x, 2))).toThrow('backward: a non-scalar output (2) needs an explicit seed gradient');
    backward(mul(x, 2), { seed: tensor([1, 10]) });
    expect(x.grad?.toList()).toEqual([2, 20]);
  });

  it('differentiates twice with createGraph', () => {
    const x = tensor([2], { requiresGrad: true, dtype: 'f64' });
    const [first] = gradients(sum(mul(mul(x, x), x)), [x], { createGraph: true });
    expect(first?.toList()).toEqual([12]);
    const [second] = gradients(sum(first!), [x]);
    expect(second?.toList()).toEqual([12]);
  });
});

describe('gradients() prunes the sweep', () => {
  it('never runs the backward rule of a branch that cannot reach the requested inputs', () => {
    let calls = 0;
    const counted = customVjp({
      forward: (v) => mul(v!, 2),
      backward: (gradient) => {
        calls++;
        return mul(gradient, 2);
      },
    });
    const x = tensor([1, 2], { requiresGrad: true, dtype: 'f64' });
    const y = tensor([3, 4], { requiresGrad: true, dtype: 'f64' });
    const loss = sum(add(mul(x, x), counted(y)));
    expect(gradients(loss, [x])[0]?.toList()).toEqual([2, 4]);
    expect(calls).toBe(0);
    expect(gradients(loss, [y])[0]?.toList()).toEqual([2, 2]);
    expect(calls).toBe(1);
  });
});

describe('gradient dtypes', () => {
  it('gives each input a gradient of its own dtype through promoting ops', () => {
    const single = tensor([1, 2], { requiresGrad: true, dtype: 'f32' });
    const double = tensor([3, 4], { requiresGrad: true, dtype: 'f64' });
    backward(sum(mul(single, double)));
    expect(single.grad?.dtype).toBe('f32');
    expect(double.grad?.dtype).toBe('f64');
    expect(single.grad?.toList()).toEqual([3, 4]);
  });
});

describe('gradient storage', () => {
  it('never lets two leaves share a gradient buffer, nor a leaf share the seed', () => {
    // add hands one fresh gradient to both inputs: one leaf may take it, the other must get a copy.
    const x = tensor([1, 2, 3], { requiresGrad: true, dtype: 'f64' });
    const w = tensor([4, 5, 6], { requiresGrad: true, dtype: 'f64' });
    backward(sum(mul(add(x, w), tensor([2, 3, 4], { dtype: 'f64' }))));
    expect(x.grad?.buffer).not.toBe(w.grad?.buffer);
    (x.grad as NonNullable<typeof x.grad>).data[0] = 100;
    expect(w.grad?.toList()).toEqual([2, 3, 4]);
    expect(x.grad?.toList()).toEqual([100, 3, 4]);

    const seed = tensor([1, 1, 1], { dtype: 'f64' });
    const y = tensor([7, 8, 9], { requiresGrad: true, dtype: 'f64' });
    backward(add(y, 0), { seed });
    expect(y.grad?.buffer).not.toBe(seed.buffer);
    (y.grad as NonNullable<typeof y.grad>).data[0] = 5;
    expect(seed.toList()).toEqual([1, 1, 1]);
  });
});
