import { describe, expect, it } from 'vitest';
import { createJsBackend, Random, type Backend } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { withBackend } from '../../backend';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { gelu } from './gelu';

// The derivatives of x·Φ(x), from φ′(x) = −x·φ(x): Φ + xφ, φ·(2 − x²), xφ·(x² − 4), φ·(−x⁴ + 7x² − 4).
const density = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const DERIVATIVES: ((x: number) => number)[] = [
  (x) => density(x) * (2 - x * x),
  (x) => x * density(x) * (x * x - 4),
  (x) => density(x) * (-(x ** 4) + 7 * x * x - 4),
];

/** gelu's first `orders` derivatives at every element of `x`, by repeated gradients of the sum. */
function derivatives(x: Tensor, orders: number): Tensor[] {
  const results: Tensor[] = [];
  let current = gelu(x);
  for (let order = 1; order <= orders; order++) {
    const [next] = gradients(sum(current), [x], { createGraph: order < orders });
    results.push(next!);
    current = next!;
  }
  return results;
}

describe('gelu: exact higher derivatives', () => {
  const points = [-6, -3, -1.2, -0.7, -0.1, 0, 0.4, 1.5, 2, 4.5];

  it('differentiates to fourth order in f64: φ·(2 − x²), xφ·(x² − 4), φ·(−x⁴ + 7x² − 4)', () => {
    const x = tensor64(points, [points.length], { requiresGrad: true });
    const [, ...higher] = derivatives(x, 4);
    higher.forEach((result, k) => {
      points.forEach((point, i) => {
        const expected = DERIVATIVES[k]!(point);
        expect(Math.abs(result.data[i]! - expected), `order ${k + 2} at ${point}`).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(expected)) + 1e-300);
      });
    });
  });

  it('has a first derivative Φ(x) + x·φ(x) that agrees with central differences of the forward pass', () => {
    const x = tensor64(points, [points.length], { requiresGrad: true });
    const [first] = derivatives(x, 1);
    const step = 1e-5;
    const at = (shift: number) => Array.from(gelu(tensor64(points.map((point) => point + shift))).data);
    const [plus, minus] = [at(step), at(-step)];
    points.forEach((point, i) => expect(first!.data[i], `at ${point}`).toBeCloseTo((plus[i]! - minus[i]!) / (2 * step), 9));
  });

  it('keeps the third derivative exact in f32 too', () => {
    const x = tensor32(points, [points.length], { requiresGrad: true });
    const [, , third] = derivatives(x, 3);
    points.forEach((point, i) => expect(third!.data[i], `at ${point}`).toBeCloseTo(DERIVATIVES[1]!(point), 5));
  });

  it('gives finite derivatives of every order at ±1000 (no Infinity · 0)', () => {
    for (const x of [tensor64([-1000, 1000], [2], { requiresGrad: true }), tensor32([-1000, 1000], [2], { requiresGrad: true })]) {
      const results = derivatives(x, 3).map((result) => Array.from(result.data, (value) => value + 0));
      expect(results, x.dtype).toEqual([[0, 1], [0, 0], [0, 0]]);
    }
  });
});

describe('gelu: JS and WASM backends agree', () => {
  it('on values, gradients and second derivatives (Hessian-vector product) in f32 and f64', () => {
    const random = new Random(21);
    const size = 8 * 3 * 37; // a vector tail and several blocks
    const xData = Float64Array.from({ length: size }, () => 4 * random.normal());
    const weights = random.fillUniform(new Float64Array(size), -1, 1);
    const run = (backend: Backend, dtype: 'f32' | 'f64'): number[][] =>
      withBackend(backend, () => {
        const x = tensor(xData, { dtype, requiresGrad: true });
        const w = tensor(weights, { dtype });
        const y = gelu(x);
        const [g] = gradients(sum(mul(y, w)), [x], { createGraph: true });
        const [h] = gradients(sum(mul(g!, w)), [x]);
        return [y, g!, h!].map((t) => Array.from(t.data));
      });
    const wasm = createWasmBackendSync();
    for (const dtype of ['f32', 'f64'] as const) {
      const expected = run(createJsBackend(), dtype);
      const actual = run(wasm, dtype);
      const [rtol, atol] = dtype === 'f32' ? [2e-5, 1e-6] : [1e-12, 1e-15];
      expected.forEach((values, which) => values.forEach((value, i) => {
        expect(Math.abs(actual[which]![i]! - value), `output ${which} element ${i} (${dtype})`).toBeLessThanOrEqual(rtol * Math.abs(value) + atol);
      }));
    }
  });
});
