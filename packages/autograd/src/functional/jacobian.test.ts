import { describe, expect, it } from 'vitest';
import { Random, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../create';
import { gradients } from '../graph/backward-api';
import { noGrad } from '../graph/grad-mode';
import { exp } from '../ops/elementwise/exp';
import { mul } from '../ops/elementwise/mul';
import { matmul } from '../ops/linalg/matmul';
import { transpose } from '../ops/linalg/transpose';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';
import { grad } from './grad';
import { hessian } from './hessian';
import { jacobian } from './jacobian';

const random = new Random(7);
const randomTensor = (shape: number[]): Tensor => tensor64(random.fillUniform(new Float64Array(shape.reduce((p, e) => p * e, 1)), -1, 1), shape);

/** Jacobian by central differences, shaped `[output.size, input.size]` (row-major flattening of both). */
function numericJacobian(f: (x: Tensor) => Tensor, x: Tensor, eps = 1e-6): number[][] {
  const base = Float64Array.from(x.data);
  const columns = Array.from(base, (_, j) => {
    const shifted = (step: number): Float64Array =>
      noGrad(() => {
        const data = Float64Array.from(base);
        data[j] = (data[j] as number) + step;
        return Float64Array.from(f(tensor64(data, x.shape)).data);
      });
    const plus = shifted(eps);
    const minus = shifted(-eps);
    return Array.from(plus, (value, i) => (value - (minus[i] as number)) / (2 * eps));
  });
  return (columns[0] ?? []).map((_, i) => columns.map((column) => column[i] as number));
}

function expectMatrixClose(actual: Tensor, expected: number[][], tolerance: number): void {
  const data = actual.data;
  expected.flat().forEach((value, index) => expect(Math.abs((data[index] as number) - value), `element ${index}`).toBeLessThan(tolerance));
}

describe('jacobian', () => {
  it('matches finite differences for an element-wise function', () => {
    const f = (x: Tensor): Tensor => mul(exp(x), x);
    const x = randomTensor([2, 3]);
    const result = jacobian(f)(x);
    expect(result.shape).toEqual([2, 3, 2, 3]);
    expectMatrixClose(result, numericJacobian(f, x), 1e-8);
  });

  it('matches finite differences for a matmul function and a non-default argnums', () => {
    const w = randomTensor([3, 4]);
    const f = (bias: Tensor, x: Tensor): Tensor => mul(matmul(x, w), exp(bias));
    const x = randomTensor([2, 3]);
    const bias = randomTensor([4]);
    const result = jacobian(f, { argnums: 1 })(bias, x);
    expect(result.shape).toEqual([2, 4, 2, 3]);
    expectMatrixClose(result, numericJacobian((value) => f(bias, value), x), 1e-8);
  });

  it('gives the exact Jacobian of a linear map and handles 0-d inputs and outputs', () => {
    const a = tensor64([1, 2, 3, 4, 5, 6], [3, 2]);
    expect(jacobian((x) => matmul(a, x))([1, 1]).toList()).toEqual(a.toList());
    expect(jacobian((x) => sum(mul(x, x)))([1, 2]).toList()).toEqual([2, 4]);
    expect(jacobian((x) => mul(x, x))(3).toList()).toEqual(6);
    expect(jacobian((x) => mul(tensor64([1, 2]), x))(3).toList()).toEqual([1, 2]);
  });

  it('leaves no graph at top level and is differentiable when nested', () => {
    expect(jacobian((x) => mul(x, x))([1, 2]).requiresGrad).toBe(false);
    // Σᵢⱼ J(x)ᵢⱼ for x ↦ x³ is Σ 3x², whose gradient is 6x.
    const outer = grad((x) => sum(jacobian((y) => mul(mul(y, y), y))(x)))([1, 2]);
    expect(outer.toList()).toEqual([6, 12]);
  });

  it('rejects an argnums out of range', () => {
    expect(() => jacobian((x) => x, { argnums: 2 })([1])).toThrow(ShapeError);
    expect(() => jacobian((x) => x, { argnums: 2 })([1])).toThrow('jacobian: argnums 2 is out of range for 1 argument');
  });
});

describe('hessian', () => {
  it('of xᵀAx equals A + Aᵀ', () => {
    const a = randomTensor([4, 4]);
    const quadratic = (x: Tensor): Tensor => sum(mul(x, matmul(a, x)));
    const result = hessian(quadratic)(randomTensor([4]));
    expect(result.shape).toEqual([4, 4]);
    const expected = noGrad(() => a.add(transpose(a))).toList() as number[][];
    expectMatrixClose(result, expected, 1e-12);
    expect(result.requiresGrad).toBe(false);
  });

  it('has shape [...x.shape, ...x.shape] and matches finite differences of the gradient', () => {
    const f = (x: Tensor): Tensor => sum(mul(exp(x), mul(x, x)));
    const x = randomTensor([2, 2]);
    const result = hessian(f)(x);
    expect(result.shape).toEqual([2, 2, 2, 2]);
    expectMatrixClose(result, numericJacobian((value) => grad(f)(value), x), 1e-7);
  });

  it('is differentiable with respect to an argument that requires gradients', () => {
    const x = tensor([2], { dtype: 'f64', requiresGrad: true });
    const result = hessian((value) => sum(mul(mul(value, value), mul(value, value))))(x);
    expect(result.toList()).toEqual([[48]]);
    expect(gradients(sum(result), [x])[0]?.toList()).toEqual([48]);
  });

  it('names itself in errors', () => {
    expect(() => hessian((x) => mul(x, x))([1, 2])).toThrow(/^hessian: the function must return a scalar/);
  });
});
