// The nanograd side of every workload: builds the model and data once and returns one training (or gemm) step.
import { crossEntropyLoss, manualSeed, matmul, noGrad, tensor } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { BatchNorm2d, Conv2d, Dense, Flatten, GPT as GPTModel, MaxPool2d, ReLU, Sequential } from '@nanograd/layer';
import type { Module } from '@nanograd/layer';
import { Adam } from '@nanograd/optimizer';
import { integersI32, normalF32 } from './data';
import { CNN, GEMM_SHAPES, GPT, LEARNING_RATE, MLP } from './workloads';
import type { WorkloadName } from './workloads';

function input(values: Float32Array | Int32Array, shape: readonly number[]): Tensor {
  return tensor(values).reshape([...shape]);
}

function trainingStep(model: Module, x: Tensor, target: Tensor): () => void {
  const optimizer = new Adam(model.parameters(), { learningRate: LEARNING_RATE });
  return () => {
    optimizer.zeroGrad();
    const loss = crossEntropyLoss(model.forward(x), target, { fromLogits: true });
    loss.backward();
    optimizer.step();
    // Reading the loss keeps the step honest on any backend that might defer work.
    loss.item();
  };
}

/** Builds `workload` on the current backend (seeded) and returns one step: fwd + bwd + Adam, or one gemm. */
export function nanogradStep(workload: WorkloadName): () => void {
  manualSeed(0);
  switch (workload) {
    case 'gemm128':
    case 'gemm512': {
      const [m, k, n] = GEMM_SHAPES[workload];
      const a = input(normalF32(m * k, 1), [m, k]);
      const b = input(normalF32(k * n, 2), [k, n]);
      return () => {
        noGrad(() => matmul(a, b));
      };
    }
    case 'mlp': {
      const [d0, d1, d2, d3] = MLP.sizes;
      const model = new Sequential([new Dense(d0, d1, { activation: new ReLU() }), new Dense(d1, d2, { activation: new ReLU() }), new Dense(d2, d3)]);
      return trainingStep(model, input(normalF32(MLP.batch * d0, 1), [MLP.batch, d0]), input(integersI32(MLP.batch, d3, 2), [MLP.batch]));
    }
    case 'cnn': {
      const [c0, c1, c2] = CNN.channels;
      const model = new Sequential([
        new Conv2d(c0, c1, 3, { padding: 1 }),
        new BatchNorm2d(c1),
        new ReLU(),
        new MaxPool2d(2),
        new Conv2d(c1, c2, 3, { padding: 1 }),
        new BatchNorm2d(c2),
        new ReLU(),
        new MaxPool2d(2),
        new Flatten(),
        new Dense(c2 * (CNN.image / 4) ** 2, CNN.classes),
      ]);
      const x = input(normalF32(CNN.batch * c0 * CNN.image ** 2, 1), [CNN.batch, c0, CNN.image, CNN.image]);
      return trainingStep(model, x, input(integersI32(CNN.batch, CNN.classes, 2), [CNN.batch]));
    }
    case 'gpt': {
      const model = new GPTModel({ vocabSize: GPT.vocab, blockSize: GPT.block, embedDim: GPT.embed, numHeads: GPT.heads, numLayers: GPT.layers });
      const tokens = integersI32(GPT.batch * (GPT.block + 1), GPT.vocab, 1);
      const inputs = new Int32Array(GPT.batch * GPT.block);
      const targets = new Int32Array(GPT.batch * GPT.block);
      for (let b = 0; b < GPT.batch; b++) {
        for (let t = 0; t < GPT.block; t++) {
          inputs[b * GPT.block + t] = tokens[b * (GPT.block + 1) + t] as number;
          targets[b * GPT.block + t] = tokens[b * (GPT.block + 1) + t + 1] as number;
        }
      }
      return trainingStep(model, input(inputs, [GPT.batch, GPT.block]), input(targets, [GPT.batch, GPT.block]));
    }
  }
}

