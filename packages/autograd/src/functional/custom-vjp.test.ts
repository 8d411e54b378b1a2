import { describe, expect, it } from 'vitest';
import { DTypeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../create';
import { backward, gradients } from '../graph/backward-api';
import { GraphError } from '../graph/graph-error';
import { noGrad } from '../graph/grad-mode';
import { add } from '../ops/elementwise/add';
import { exp } from '../ops/elementwise/exp';
import { log } from '../ops/elementwise/log';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import { describeOp } from '../testing/describe-op';
import { refMap } from '../testing/reference';
import type { Tensor } from '../tensor';
import { customVjp } from './custom-vjp';
import { grad } from './grad';
import { setBackwardFn } from './set-backward-fn';

// softplus with a hand-written rule: σ(x) = 1 - exp(-softplus(x)), written with tensor ops so it is differentiable.
const softplus = customVjp({
  forward: (x) => log(add(exp(x!), 1)),
  backward: (gradient, _x, output) => mul(gradient, add(mul(exp(mul(output!, -1)), -1), 1)),
});

// The battery checks the hand-written rule against finite differences, to second order.
describeOp('customVjp', {
  fn: (x) => softplus(x!),
  reference: (x) => refMap([x!], (value) => Math.log(Math.exp(value) + 1)),
  samples: [{ inputs: [[2, 3]] }, { label: '0-d', inputs: [[]] }],
});

// A product with broadcasting: the rule may return gradients in the output's shape.
const product = customVjp({
  name: 'product',
  forward: (a, b) => mul(a!, b!),
  backward: (gradient, a, b) => [mul(gradient, b!), mul(gradient, a!)],
});
describeOp('product', {
  fn: (a, b) => product(a!, b!),
  reference: (a, b) => refMap([a!, b!], (x, y) => x * y),
  samples: [{ inputs: [[2, 3], [3]] }],
});

describe('customVjp', () => {
  it('uses the custom rule: an identity whose gradient is clipped to [-1, 1]', () => {
    // First order only: the rule reads the gradient's values, so it is not differentiable again.
    const clipGradient = customVjp({
      forward: (x) => x!,
      backward: (gradient) => tensor64(Array.from(gradient.data, (value) => Math.max(-1, Math.min(1, value))), gradient.shape),
    });
    const x = tensor64([1, 2, 3]);
    expect(clipGradient(x).toList()).toEqual([1, 2, 3]);
    expect(grad((value) => sum(mul(clipGradient(value), tensor64([0.5, -4, 3]))))(x).toList()).toEqual([0.5, -1, 1]);
  });

  it('uses the custom rule at second order when it is written with tensor ops', () => {
    // Forward x², but a deliberately different rule 3x·grad: first derivative 3x, second derivative 3.
    const skewed = customVjp({ forward: (x) => mul(x!, x!), backward: (gradient, x) => mul(mul(gradient, x!), 3) });
    expect(grad((x) => skewed(x))(2).item()).toBe(6);
    expect(grad(grad((x) => skewed(x)))(2).item()).toBe(3);
    // A correct rule gives the true derivatives: exp with rule grad·output.
    const customExp = customVjp({ forward: (x) => exp(x!), backward: (gradient, _x, output) => mul(gradient, output!) });
    expect(grad(grad(grad((x) => customExp(x))))(1).item()).toBeCloseTo(Math.E, 14);
  });

  it('records nothing for its forward pass and nothing under noGrad', () => {
    const x = tensor([1, 2], { requiresGrad: true, dtype: 'f64' });
    const y = softplus(x);
    expect(y.node?.def.name).toBe('customVjp');
    expect(y.node?.inputs).toEqual([x]);
    expect(noGrad(() => softplus(x)).requiresGrad).toBe(false);
  });

  it('rejects rules that return the wrong gradients', () => {
    const twoGradients = customVjp({ name: 'twoGradients', forward: (x) => mul(x!, 2), backward: (gradient) => [gradient, gradient] });
    const x = tensor([1], { requiresGrad: true });
    expect(() => backward(sum(twoGradients(x)))).toThrow(GraphError);
    expect(() => backward(sum(twoGradients(x)))).toThrow('twoGradients: the backward function returned 2 gradients for 1 input');
    const notATensor = customVjp({ forward: (x) => mul(x!, 2), backward: () => [2 as unknown as Tensor] });
    expect(() => backward(sum(notATensor(x)))).toThrow('customVjp: the backward function returned a non-tensor gradient for input 0');
    const noForward = customVjp({ forward: () => 3 as unknown as Tensor, backward: (gradient) => gradient });
    expect(() => noForward(x)).toThrow(DTypeError);
  });
});

describe('setBackwardFn', () => {
  it('makes an existing tensor a graph node over its inputs', () => {
    const x = tensor([3], { requiresGrad: true, dtype: 'f64' });
    const y = tensor([9], { dtype: 'f64' });
    expect(setBackwardFn(y, (gradient, input) => mul(mul(gradient, input!), 2), [x])).toBe(y);
    expect(y.requiresGrad).toBe(true);
    backward(y);
    expect(x.grad?.toList()).toEqual([6]);
  });

  it('supports several inputs, null gradients and higher orders', () => {
    const a = tensor([2], { requiresGrad: true, dtype: 'f64' });
    const b = tensor([5], { requiresGrad: true, dtype: 'f64' });
    const cube = noGrad(() => mul(mul(a, a), a));
    setBackwardFn(cube, (gradient, input) => [mul(mul(mul(gradient, input!), input!), 3), null], [a, b]);
    const [first, unused] = gradients(sum(cube), [a, b], { createGraph: true });
    expect(first?.toList()).toEqual([12]);
    expect(unused?.toList()).toEqual([0]);
    expect(gradients(sum(first!), [a])[0]?.toList()).toEqual([12]);
  });

  it('makes backward report a cycle when the tensor depends on itself', () => {
    const t = tensor([1, 2], { requiresGrad: true });
    setBackwardFn(t, (gradient) => gradient, [t]);
    expect(() => backward(sum(t))).toThrow(GraphError);
    expect(() => backward(sum(t))).toThrow(/cycle through setBackwardFn/);
    const x = tensor([1], { requiresGrad: true });
    const y = mul(x, 2);
    setBackwardFn(x, (gradient) => gradient, [y]);
    expect(() => backward(y)).toThrow(/backward: the graph has a cycle/);
  });

  it('rejects integer tensors', () => {
    expect(() => setBackwardFn(tensor([1], { dtype: 'i32' }), (gradient) => gradient, [])).toThrow('setBackwardFn: integer tensors cannot carry gradients');
  });
});
