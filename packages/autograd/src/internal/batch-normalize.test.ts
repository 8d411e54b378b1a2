// The fused normalisation kernels against the op-composed formulas they replace: first-order gradients (fused kernel)
// must equal the createGraph ones (ops only), on the JS and the WASM backend, and the fused kernels must really run.
import { createJsBackend, type Backend } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../backend';
import { manualSeed, randn } from '../create';
import { gradients } from '../graph/backward-api';
import { mul } from '../ops/elementwise/mul';
import { permute } from '../ops/linalg/permute';
import { batchNorm } from '../ops/norm/batch-norm';
import { layerNorm } from '../ops/norm/layer-norm';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';

/** Wraps a backend so calls of the two normalisation kernels are counted; everything else is forwarded. */
function counting(inner: Backend): { backend: Backend; calls: { forward: number; backward: number } } {
  const calls = { forward: 0, backward: 0 };
  const backend: Backend = {
    ...inner,
    kernels: {
      ...inner.kernels,
      normalizeForward: (...args) => {
        calls.forward++;
        inner.kernels.normalizeForward(...args);
      },
      normalizeBackward: (...args) => {
        calls.backward++;
        inner.kernels.normalizeBackward(...args);
      },
    },
  };
  return { backend, calls };
}

/** A case: a function of x and optional parameters, and how to make its inputs (f64, gradients tracked). */
interface Case {
  readonly label: string;
  readonly inputs: () => Tensor[];
  readonly fn: (inputs: readonly Tensor[]) => Tensor;
  /** Calls of normalizeForward (three runs: the seed's shape, first order, createGraph) and of normalizeBackward (first order only). */
  readonly calls: readonly [forward: number, backward: number];
}

const f64 = (shape: number[], shift = 0): Tensor => {
  const t = randn(shape, { dtype: 'f64' });
  return (shift === 0 ? t : t.add(shift)).detach();
};

const CASES: Case[] = [
  {
    label: 'batchNorm (N, C, H, W) with weight and bias',
    inputs: () => [f64([4, 3, 5, 6], 2), f64([3], 1), f64([3])],
    fn: ([x, weight, bias]) => batchNorm(x!, { weight: weight!, bias: bias! }),
    calls: [3, 1],
  },
  {
    label: 'batchNorm (N, C, H, W) without affine parameters',
    inputs: () => [f64([4, 3, 5, 6], -1)],
    fn: ([x]) => batchNorm(x!),
    calls: [3, 1],
  },
  {
    label: 'batchNorm (N, C) with weight and bias, epsilon 0.1',
    inputs: () => [f64([16, 5]), f64([5], 1), f64([5])],
    fn: ([x, weight, bias]) => batchNorm(x!, { weight: weight!, bias: bias!, epsilon: 0.1 }),
    calls: [3, 1],
  },
  {
    label: 'layerNorm over the last axis with weight and bias',
    inputs: () => [f64([2, 7, 16], 3), f64([16], 1), f64([16])],
    fn: ([x, weight, bias]) => layerNorm(x!, weight!, bias!),
    calls: [3, 1],
  },
  {
    label: 'layerNorm over the two trailing axes, no affine',
    inputs: () => [f64([3, 4, 5])],
    fn: ([x]) => layerNorm(x!, null, null, { normalizedShape: [4, 5] }),
    calls: [3, 1],
  },
  {
    label: 'batchNorm of a permuted (non-dense) x: composed forward, fused backward',
    inputs: () => [f64([3, 6, 4]), f64([4], 1), f64([4])],
    fn: ([x, weight, bias]) => batchNorm(permute(x!, [0, 2, 1]), { weight: weight!, bias: bias! }),
    calls: [0, 1],
  },
  {
    label: 'layerNorm over a middle axis (kept axes not in one run): composed both ways',
    inputs: () => [f64([3, 5, 4])],
    fn: ([x]) => layerNorm(x!, null, null, { axis: 1 }),
    calls: [0, 0],
  },
];

/** First-order gradients of Σ seed·fn(inputs), and the same through createGraph (op-composed), on `backend`. */
function bothGradients(backend: Backend, testCase: Case): { fused: number[][]; composed: number[][] } {
  return withBackend(backend, () => {
    manualSeed(11);
    const leaves = testCase.inputs();
    for (const leaf of leaves) leaf.requiresGrad = true;
    const seed = randn(testCase.fn(leaves).shape, { dtype: 'f64' });
    const objective = (): Tensor => sum(mul(testCase.fn(leaves), seed));
    const fused = gradients(objective(), leaves).map((g) => Array.from(g.data));
    const composed = gradients(objective(), leaves, { createGraph: true }).map((g) => Array.from(g.data));
    return { fused, composed };
  });
}

describe('fused normalisation kernels against the composed gradients', () => {
  const backends: [string, () => Backend][] = [['js', () => createJsBackend()], ['wasm', () => createWasmBackendSync()]];
  for (const [name, create] of backends) {
    for (const testCase of CASES) {
      it(`${testCase.label} (${name}, f64)`, () => {
        const { backend, calls } = counting(create());
        const { fused, composed } = bothGradients(backend, testCase);
        expect(fused.length).toBe(composed.length);
        fused.forEach((grad, index) => {
          expect(grad.length).toBe(composed[index]!.length);
          grad.forEach((value, k) => expect(value, `input ${index} element ${k}`).toBeCloseTo(composed[index]![k]!, 11));
        });
        expect([calls.forward, calls.backward]).toEqual(testCase.calls);
      });
    }
  }
});
