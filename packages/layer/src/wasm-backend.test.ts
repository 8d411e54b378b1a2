// Whole models on the WASM backend: the same loss and gradients as on the JS reference backend.
import { crossEntropyLoss, manualSeed, tensor, withBackend } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { createJsBackend, type Backend } from '@nanograd/kernels';
import { createWasmBackendSync } from '@nanograd/kernels/wasm';
import { describe, expect, it } from 'vitest';
import { BatchNorm2d } from './batch-norm';
import { Conv2d } from './conv2d';
import { Dense } from './dense';
import { Flatten } from './flatten';
import { GPT } from './gpt';
import { MaxPool2d } from './pooling';
import { ReLU } from './activations';
import type { Module } from './module';
import { Sequential } from './sequential';

interface Case {
  readonly model: () => Module;
  readonly input: () => Tensor;
  readonly target: () => Tensor;
}

const CASES: Record<string, Case> = {
  'GPT (2 layers, 2 heads)': {
    model: () => new GPT({ vocabSize: 11, blockSize: 6, embedDim: 8, numHeads: 2, numLayers: 2 }),
    input: () => tensor(Int32Array.from({ length: 12 }, (_, i) => (i * 7) % 11)).reshape([2, 6]),
    target: () => tensor(Int32Array.from({ length: 12 }, (_, i) => (i * 5 + 3) % 11)).reshape([2, 6]),
  },
  'CNN with batch norm': {
    model: () =>
      new Sequential([
        new Conv2d(1, 3, 3, { padding: 1 }), new BatchNorm2d(3), new ReLU(), new MaxPool2d(2),
        new Conv2d(3, 4, 3, { padding: 1 }), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Flatten(), new Dense(16, 5),
      ]),
    input: () => tensor(Float32Array.from({ length: 4 * 64 }, (_, i) => Math.sin(i * 0.37))).reshape([4, 1, 8, 8]),
    target: () => tensor(Int32Array.from([0, 3, 1, 4])),
  },
};

/** Loss and every parameter's gradient after two accumulating backward passes. */
function run(backend: Backend, spec: Case): { loss: number; grads: number[][] } {
  return withBackend(backend, () => {
    manualSeed(3);
    const model = spec.model();
    const x = spec.input();
    const y = spec.target();
    let loss = 0;
    for (let pass = 0; pass < 2; pass++) {
      const value = crossEntropyLoss(model.forward(x), y, { fromLogits: true });
      value.backward();
      loss = value.item();
    }
    return { loss, grads: model.parameters().map((p) => Array.from(p.grad?.data ?? [])) };
  });
}

describe('models on the WASM backend', () => {
  for (const [name, spec] of Object.entries(CASES)) {
    it(`${name}: loss and gradients match the JS backend`, () => {
      const expected = run(createJsBackend(), spec);
      const actual = run(createWasmBackendSync(), spec);
      expect(actual.loss).toBeCloseTo(expected.loss, 4);
      expect(actual.grads.length).toBe(expected.grads.length);
      actual.grads.forEach((grad, p) => {
        const reference = expected.grads[p]!;
        expect(grad).toHaveLength(reference.length);
        const scale = Math.max(1e-3, ...reference.map(Math.abs));
        grad.forEach((value, i) => expect(Math.abs(value - reference[i]!) / scale).toBeLessThan(2e-4));
      });
    });
  }
});
