import { describe, expect, it } from 'vitest';
import { Random, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../create';
import { gradients } from '../graph/backward-api';
import { noGrad } from '../graph/grad-mode';
import { add } from '../ops/elementwise/add';
import { exp } from '../ops/elementwise/exp';
import { mul } from '../ops/elementwise/mul';
import { matmul } from '../ops/linalg/matmul';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';
import { grad } from './grad';
import { hvp } from './hvp';
import { jvp } from './jvp';
import { vjp } from './vjp';

const random = new Random(42);
const randomTensor = (shape: number[]): Tensor => tensor64(random.fillUniform(new Float64Array(shape.reduce((p, e) => p * e, 1)), -1, 1), shape);

function expectClose(actual: Tensor, expected: ArrayLike<number>, tolerance = 1e-12): void {
  const data = actual.data;
  expect(data.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs((data[i] as number) - (expected[i] as number)), `element ${i}`).toBeLessThan(tolerance);
}

/** Central difference of `f` along `tangents` at `primals`. */
function directional(f: (...args: Tensor[]) => Tensor, primals: Tensor[], tangents: Tensor[], eps = 1e-6): Float64Array {
  const at = (step: number): Float64Array => noGrad(() => Float64Array.from(f(...primals.map((p, i) => add(p, mul(tangents[i]!, step)))).data));
  const plus = at(eps);
  const minus = at(-eps);
  return plus.map((value, i) => (value - (minus[i] as number)) / (2 * eps));
}

// f(x, y) = exp(x) ⊙ (A y): a non-scalar, nonlinear function of two arguments.
const a = randomTensor([3, 2]);
const f = (x: Tensor, y: Tensor): Tensor => mul(exp(x), matmul(a, y));

describe('vjp', () => {
  it('pulls back a cotangent through a non-scalar output', () => {
    const x = randomTensor([3]);
    const y = randomTensor([2]);
    const [out, vjpFn] = vjp(f, x, y);
    expect(out.shape).toEqual([3]);
    expect(out.requiresGrad).toBe(false);
    const cotangent = randomTensor([3]);
    const [dx, dy] = vjpFn(cotangent);
    const ay = matmul(a, y).data;
    const ex = exp(x).data;
    const c = cotangent.data;
    expectClose(dx!, Array.from(c, (value, i) => value * (ex[i] as number) * (ay[i] as number)));
    // dy = Aᵀ (c ⊙ exp(x)).
    expectClose(dy!, [0, 1].map((j) => [0, 1, 2].reduce((total, i) => total + (a.data[i * 2 + j] as number) * (c[i] as number) * (ex[i] as number), 0)));
    expect(dx?.requiresGrad).toBe(false);
  });

  it('can be called several times, and with plain arrays', () => {
    const [, vjpFn] = vjp((x) => mul(x, x), [1, 2, 3]);
    expect(vjpFn([1, 0, 0])[0]?.toList()).toEqual([2, 0, 0]);
    expect(vjpFn([0, 1, 1])[0]?.toList()).toEqual([0, 4, 6]);
    expect(vjpFn([1, 1, 1])[0]?.toList()).toEqual([2, 4, 6]);
  });

  it('is differentiable when nested in another transform', () => {
    // d/dx of the pullback of x·y at y: ∂(x y)/∂y = x, so the derivative is 1 per element.
    const outer = grad((x) => {
      const [, vjpFn] = vjp((y) => mul(x, y), [1, 1]);
      return sum(vjpFn([1, 1])[0]!);
    })([2, 3]);
    expect(outer.toList()).toEqual([1, 1]);
  });

  it('rejects a cotangent of the wrong shape', () => {
    const [, vjpFn] = vjp((x) => mul(x, 2), [1, 2]);
    expect(() => vjpFn([1, 2, 3])).toThrow(ShapeError);
    expect(() => vjpFn([1, 2, 3])).toThrow('vjp: the cotangent has shape 3, expected 2');
  });
});

describe('jvp', () => {
  it('matches finite differences of a non-scalar function of two arguments', () => {
    const primals = [randomTensor([3]), randomTensor([2])];
    const tangents = [randomTensor([3]), randomTensor([2])];
    const [out, tangentOut] = jvp(f, primals, tangents);
    expectClose(out, f(primals[0]!, primals[1]!).data);
    expect(tangentOut.shape).toEqual([3]);
    expectClose(tangentOut, directional(f, primals, tangents), 1e-8);
    expect(tangentOut.requiresGrad).toBe(false);
  });

  it('gives the directional derivative of x² and accepts plain arrays', () => {
    const [out, tangentOut] = jvp((x) => mul(x, x), [[1, 2, 3]], [[1, 0, 1]]);
    expect(out.toList()).toEqual([1, 4, 9]);
    expect(tangentOut.toList()).toEqual([2, 0, 6]);
  });

  it('handles outputs that do not depend on the primals and 0-d outputs', () => {
    const [, constant] = jvp(() => tensor64([1, 2]), [[3]], [[1]]);
    expect(constant.toList()).toEqual([0, 0]);
    const [, scalar] = jvp((x) => sum(mul(x, x)), [[1, 2]], [[1, 1]]);
    expect(scalar.item()).toBe(6);
  });

  it('composes with grad (forward over reverse and reverse over forward)', () => {
    const cube = (x: Tensor): Tensor => mul(mul(x, x), x);
    expect(grad((x) => jvp(cube, [x], [1])[1])(2).item()).toBe(12);
    expect(jvp(grad(cube), [2], [1])[1].item()).toBe(12);
  });

  it('rejects mismatched tangents', () => {
    expect(() => jvp(f, [[1, 2, 3], [1, 2]], [[1, 2, 3]])).toThrow('jvp: 2 primals but 1 tangent');
    expect(() => jvp(f, [[1, 2, 3], [1, 2]], [[1, 2, 3], [1]])).toThrow('jvp: tangent 1 has shape 1, expected 2');
  });
});

describe('hvp', () => {
  // g(x, y) = Σ exp(x) ⊙ (A y) + Σ x³: its Hessian couples x and y.
  const g = (x: Tensor, y: Tensor): Tensor => add(sum(f(x, y)), sum(mul(mul(x, x), x)));

  it('matches finite differences of the gradient', () => {
    const primals = [randomTensor([3]), randomTensor([2])];
    const vectors = [randomTensor([3]), randomTensor([2])];
    const [value, hv] = hvp(g, primals, vectors);
    expect(value.item()).toBeCloseTo(g(primals[0]!, primals[1]!).item(), 12);
    const gradient = (x: Tensor, y: Tensor): Tensor[] => grad(g, { argnums: [0, 1] })(x, y);
    hv.forEach((product, index) => {
      const numeric = directional((x, y) => gradient(x!, y!)[index]!, primals, vectors);
      expect(product.shape).toEqual(primals[index]!.shape);
      expectClose(product, numeric, 1e-7);
    });
    expect(hv[0]?.requiresGrad).toBe(false);
  });

  it('gives 6x·v for Σx³ and zeros for linear functions', () => {
    const [value, [hv]] = hvp((x) => sum(mul(mul(x, x), x)), [[1, 2]], [[1, 1]]);
    expect(value.item()).toBe(9);
    expect(hv?.toList()).toEqual([6, 12]);
    expect(hvp((x) => sum(mul(x, 3)), [[1, 2]], [[1, 1]])[1][0]?.toList()).toEqual([0, 0]);
  });

  it('is differentiable with respect to a primal that requires gradients', () => {
    const x = tensor([2], { dtype: 'f64', requiresGrad: true });
    const [, [hv]] = hvp((value) => sum(mul(mul(value, value), value)), [x], [[1]]);
    expect(hv?.toList()).toEqual([12]);
    expect(gradients(sum(hv!), [x])[0]?.toList()).toEqual([6]);
  });

  it('rejects non-scalar functions and mismatched vectors', () => {
    expect(() => hvp((x) => mul(x, x), [[1, 2]], [[1, 1]])).toThrow(/^hvp: the function must return a scalar/);
    expect(() => hvp((x) => sum(x), [[1, 2]], [])).toThrow('hvp: 1 primal but 0 vectors');
    expect(() => hvp((x) => sum(x), [[1, 2]], [[1]])).toThrow('hvp: vector 0 has shape 1, expected 2');
  });
});
