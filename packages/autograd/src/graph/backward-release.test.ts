// The first-order backward sweep frees its own temporaries early; results and user-held tensors must not change.
import { createJsBackend, type Backend, type DeviceBuffer } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../backend';
import { tensor } from '../create';
import { customVjp } from '../functional/custom-vjp';
import { add } from '../ops/elementwise/add';
import { mul } from '../ops/elementwise/mul';
import { tanh } from '../ops/activation/tanh';
import { matmul } from '../ops/linalg/matmul';
import { sum } from '../ops/reduce/sum';
import { reshape } from '../ops/movement/reshape';
import type { Tensor } from '../tensor';
import { backward } from './backward-api';

/** Wraps a backend so every `free` is recorded (and still performed). */
function recordingFrees(inner: Backend): { backend: Backend; freed: DeviceBuffer[] } {
  const freed: DeviceBuffer[] = [];
  const backend: Backend = {
    ...inner,
    free(buffer) {
      freed.push(buffer);
      inner.free(buffer);
    },
  };
  return { backend, freed };
}

/** Element-wise closeness of two gradients (WASM and JS sum matrix products in different orders). */
function expectClose(actual: Tensor | null, expected: Tensor | null): void {
  const a = Array.from(actual?.data ?? []);
  const e = Array.from(expected?.data ?? []);
  expect(a).toHaveLength(e.length);
  a.forEach((value, i) => expect(value).toBeCloseTo(e[i]!, 12));
}

/** A small network whose backward has shared gradients (add), views (reshape) and accumulation (w used twice). */
function network(backend: Backend): { loss: Tensor; w: Tensor; b: Tensor; hidden: Tensor } {
  return withBackend(backend, () => {
    const x = tensor([[0.5, -1, 2], [1.5, 0.25, -0.75]], { dtype: 'f64' });
    const w = tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], { dtype: 'f64', requiresGrad: true });
    const b = tensor([0.05, -0.05], { dtype: 'f64', requiresGrad: true });
    const hidden = tanh(add(matmul(x, w), b));
    const again = matmul(reshape(hidden, [2, 2]), reshape(w, [3, 2]).transpose().reshape([2, 3]));
    return { loss: sum(mul(add(again, 1), again)), w, b, hidden };
  });
}

describe('backward frees its temporaries', () => {
  it('gives the same gradients as the JS backend while freeing buffers on WASM, and keeps forward tensors intact', () => {
    const reference = network(createJsBackend());
    backward(reference.loss);
    const { backend, freed } = recordingFrees(createWasmBackendSync());
    const run = network(backend);
    const hiddenBefore = run.hidden.toList();
    backward(run.loss);
    expect(freed.length).toBeGreaterThan(5);
    expectClose(run.w.grad, reference.w.grad);
    expectClose(run.b.grad, reference.b.grad);
    // Forward results are never freed by the sweep: they stay readable and unchanged.
    expect(run.hidden.toList()).toEqual(hiddenBefore);
    expect(run.loss.item()).toBeCloseTo(reference.loss.item(), 12);
    // A second backward over the same graph reuses freed blocks and still accumulates exactly twice the gradient.
    backward(run.loss);
    backward(reference.loss);
    expectClose(run.w.grad, reference.w.grad);
  });

  it('frees nothing a user-defined gradient rule was given or made (the rule may keep it)', () => {
    const { backend, freed } = recordingFrees(createWasmBackendSync());
    const kept: Tensor[] = [];
    withBackend(backend, () => {
      const spy = customVjp({
        forward: (x) => mul(x!, 1),
        backward: (grad) => {
          kept.push(grad);
          const scaled = mul(grad, 3);
          kept.push(scaled);
          return scaled;
        },
      });
      const x = tensor([1, 2, 3], { dtype: 'f32', requiresGrad: true });
      backward(sum(mul(spy(mul(x, 2)), 5)));
      expect(x.grad?.toList()).toEqual([30, 30, 30]);
    });
    expect(kept.map((t) => t.toList())).toEqual([[5, 5, 5], [15, 15, 15]]);
    expect(kept.some((t) => freed.includes(t.buffer))).toBe(false);
  });
});
