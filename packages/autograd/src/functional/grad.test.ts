import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../create';
import { backward, gradients } from '../graph/backward-api';
import { noGrad } from '../graph/grad-mode';
import { exp } from '../ops/elementwise/exp';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';
import { grad } from './grad';
import { valueAndGrad } from './value-and-grad';

const cube = (x: Tensor): Tensor => mul(mul(x, x), x);

describe('grad', () => {
  it('differentiates x³ at 2 (12), twice (12) and three times (6)', () => {
    expect(grad(cube)(2).item()).toBe(12);
    expect(grad(grad(cube))(2).item()).toBe(12);
    expect(grad(grad(grad(cube)))(2).item()).toBe(6);
    expect(grad(grad(grad(grad(cube))))(2).item()).toBe(0);
  });

  it('gives 2x for sum(x * x), with x shaped like the argument', () => {
    const gradient = grad((x) => sum(mul(x, x)))([[1, -2], [3, 0.5]]);
    expect(gradient.shape).toEqual([2, 2]);
    expect(gradient.toList()).toEqual([[2, -4], [6, 1]]);
  });

  it('converts numbers and nested arrays to f64 and keeps a tensor dtype', () => {
    expect(grad(cube)(2).dtype).toBe('f64');
    expect(grad((x) => sum(cube(x)))(tensor32([2], [1])).dtype).toBe('f32');
    expect(grad((x) => sum(cube(x)))(new Float32Array([2])).toList()).toEqual([12]);
  });

  it('differentiates with respect to the arguments named by argnums', () => {
    const f = (x: Tensor, y: Tensor): Tensor => sum(mul(mul(x, x), y));
    const x = tensor64([1, 2]);
    const y = tensor64([3, 4]);
    expect(grad(f, { argnums: 1 })(x, y).toList()).toEqual([1, 4]);
    const [dx, dy] = grad(f, { argnums: [0, 1] })(x, y);
    expect(dx?.toList()).toEqual([6, 16]);
    expect(dy?.toList()).toEqual([1, 4]);
    const [dy2, dx2] = grad(f, { argnums: [1, 0] })(x, y);
    expect(dy2?.toList()).toEqual([1, 4]);
    expect(dx2?.toList()).toEqual([6, 16]);
  });

  it('differentiates through closure-captured variables of an outer transform', () => {
    expect(grad((x) => grad((y) => mul(x, y))(1))(2).item()).toBe(1);
    // d/dx of ∂(x²y)/∂y = d/dx x² = 2x.
    expect(grad((x) => grad((y) => mul(mul(x, x), y))(3))(2).item()).toBe(4);
    // d/dx of ∂(x·y²)/∂y at y = x: ∂/∂y = 2xy, then 2y + 2x·(dy/dx = 1) at the same point: 4x.
    expect(grad((x) => grad((y) => mul(x, mul(y, y)))(x))(1.5).item()).toBe(6);
  });

  it('leaves no graph at top level and records one when nested', () => {
    const top = grad(cube)(2);
    expect(top.requiresGrad).toBe(false);
    expect(top.node).toBe(null);
    let inner: Tensor | null = null;
    grad((x) => {
      inner = grad((y) => mul(x, y))(1);
      return inner;
    })(2);
    expect((inner as Tensor | null)?.requiresGrad).toBe(true);
    let unrelated: Tensor | null = null;
    grad((x) => {
      unrelated = grad(cube)(3);
      return mul(x, unrelated);
    })(2);
    expect((unrelated as Tensor | null)?.requiresGrad).toBe(false);
  });

  it('keeps the graph to arguments and captured tensors that require gradients', () => {
    const w = tensor([2], { dtype: 'f64', requiresGrad: true });
    const gradient = grad((x) => sum(cube(x)))(w);
    expect(gradient.requiresGrad).toBe(true);
    backward(sum(gradient));
    expect(w.grad?.toList()).toEqual([12]);

    const v = tensor([1, 2], { dtype: 'f64', requiresGrad: true });
    const captured = grad((x) => sum(mul(mul(v, v), x)))([1, 1]);
    expect(captured.toList()).toEqual([1, 4]);
    expect(gradients(sum(captured), [v])[0]?.toList()).toEqual([2, 4]);
  });

  it('never touches the .grad of its arguments', () => {
    const x = tensor([1, 2], { dtype: 'f64', requiresGrad: true });
    grad((value) => sum(mul(value, value)))(x);
    expect(x.grad).toBe(null);
  });

  it('works inside noGrad, returning plain tensors', () => {
    const gradient = noGrad(() => grad(grad(cube))(2));
    expect(gradient.item()).toBe(12);
    expect(gradient.requiresGrad).toBe(false);
  });

  it('gives zeros for a function that does not depend on the argument', () => {
    expect(grad((_x, y) => sum(y!), { argnums: 0 })([1, 2], [3]).toList()).toEqual([0, 0]);
  });

  it('rejects non-scalar results, bad argnums and integer arguments', () => {
    expect(() => grad((x) => mul(x, 2))([1, 2])).toThrow(ShapeError);
    expect(() => grad((x) => mul(x, 2))([1, 2])).toThrow(/^grad: the function must return a scalar \(a one-element tensor\), got shape 2$/);
    expect(() => grad(cube, { argnums: 1 })(2)).toThrow('grad: argnums 1 is out of range for 1 argument');
    expect(() => grad(cube, { argnums: [] })(2)).toThrow('grad: argnums must name at least one argument');
    expect(() => grad(cube)(tensor([2], { dtype: 'i32' }))).toThrow(DTypeError);
    expect(() => grad(cube)('2' as unknown as number)).toThrow('grad: argument 0 must be a Tensor');
  });
});

describe('valueAndGrad', () => {
  it('returns the value and the gradient from one pass', () => {
    const [value, gradient] = valueAndGrad((x) => sum(exp(x)))([0, 1]);
    expect(value.item()).toBeCloseTo(1 + Math.E, 14);
    expect(gradient.toList()).toEqual([1, Math.E]);
    expect(value.requiresGrad).toBe(false);
    expect(gradient.requiresGrad).toBe(false);
  });

  it('supports argnums arrays and composes with grad', () => {
    const [value, [dx, dy]] = valueAndGrad((x: Tensor, y: Tensor) => sum(mul(x, y)), { argnums: [0, 1] })([1, 2], [3, 4]);
    expect(value.item()).toBe(11);
    expect(dx?.toList()).toEqual([3, 4]);
    expect(dy?.toList()).toEqual([1, 2]);
    const [slope, curvature] = valueAndGrad(grad(cube))(2);
    expect(slope.item()).toBe(12);
    expect(curvature.item()).toBe(12);
  });

  it('names itself in errors', () => {
    expect(() => valueAndGrad((x) => mul(x, 2))([1, 2])).toThrow(/^valueAndGrad: /);
  });
});
