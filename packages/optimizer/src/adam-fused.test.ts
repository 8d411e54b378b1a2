// Adam and AdamW through the backends' fused adamStep kernel: the same numbers on every backend, state kept there.
import { withBackend } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { createJsBackend, type Backend } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { AdamW } from './adamw';
import { cartesian, gradientSequence, makeParams, resumeRun, runSequence, valuesOf } from './internal/test-harness';

/** Wraps a backend so calls of its adamStep kernel are counted; everything else is forwarded. */
function counting(inner: Backend): { backend: Backend; calls: () => number } {
  let calls = 0;
  const backend: Backend = {
    ...inner,
    kernels: {
      ...inner.kernels,
      adamStep: (...args) => {
        calls++;
        inner.kernels.adamStep(...args);
      },
    },
  };
  return { backend, calls: () => calls };
}

const space = cartesian({ optimizer: ['Adam', 'AdamW'], amsgrad: [false, true], weightDecay: [0, 0.1], maximize: [false, true], dtype: ['f32', 'f64'] as const });

function run(backend: Backend, combo: (typeof space)[number]): number[][] {
  return withBackend(backend, () => {
    const sequence = gradientSequence(5, 3);
    const params = makeParams(sequence.initial, combo.dtype);
    const options = { learningRate: 0.05, weightDecay: combo.weightDecay, amsgrad: combo.amsgrad, maximize: combo.maximize };
    const optimizer = combo.optimizer === 'Adam' ? new Adam(params, options) : new AdamW(params, options);
    runSequence(optimizer, params, sequence, 0, 5);
    return valuesOf(params);
  });
}

describe('Adam and AdamW on the fused kernel', () => {
  it.each(space.map((combo) => [JSON.stringify(combo), combo] as const))('WASM equals JS bit for bit and runs the kernel: %s', (_, combo) => {
    const js = counting(createJsBackend());
    const wasm = counting(createWasmBackendSync());
    const expected = run(js.backend, combo);
    expect(run(wasm.backend, combo)).toEqual(expected);
    // Two parameters, five steps: every update went through the kernel on both backends.
    expect(js.calls()).toBe(10);
    expect(wasm.calls()).toBe(10);
  });

  it('resumes from a state dict on the WASM backend exactly as an uninterrupted run', () => {
    withBackend(createWasmBackendSync(), () => {
      const { uninterrupted, resumed } = resumeRun((params: Tensor[]) => new Adam(params, { learningRate: 0.05, amsgrad: true }), 'f32', 3, 6);
      expect(resumed).toEqual(uninterrupted);
    });
  });

  it('exposes the moments on the host through stateDict while they live on the backend', () => {
    withBackend(createWasmBackendSync(), () => {
      const sequence = gradientSequence(1, 5);
      const params = makeParams(sequence.initial, 'f64');
      const optimizer = new Adam(params, { learningRate: 0.1 });
      runSequence(optimizer, params, sequence, 0, 1);
      // After one step m = (1 − β₁)·g and v = (1 − β₂)·g².
      const state = optimizer.stateDict().state[1]!;
      const g = sequence.grads[0]![1]!;
      g.forEach((gi, i) => {
        expect(state.buffers['expAvg']![i]).toBeCloseTo(0.1 * gi, 14);
        expect(state.buffers['expAvgSq']![i]).toBeCloseTo(0.001 * gi * gi, 14);
      });
    });
  });
});
