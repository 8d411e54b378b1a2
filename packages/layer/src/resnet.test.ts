// Integration: a small ResNet (real skip connections, batch norm) trains, and modes reach nested layers.
import { describe, expect, it } from 'vitest';
import { assign, crossEntropyLoss, manualSeed, mul, noGrad, randn, sub, type Tensor } from '@nanograd/autograd';
import { ReLU } from './activations';
import { BatchNorm2d } from './batch-norm';
import { Conv2d } from './conv2d';
import { Dense } from './dense';
import { GlobalAvgPool2d } from './pooling';
import { Residual } from './residual';
import { Sequential } from './sequential';

function block(channels: number, dtype: 'f32' | 'f64'): Residual {
  const body = new Sequential([
    new Conv2d(channels, channels, 3, { padding: 1, dtype }),
    new BatchNorm2d(channels, { dtype }),
    new ReLU(),
    new Conv2d(channels, channels, 3, { padding: 1, dtype }),
    new BatchNorm2d(channels, { dtype }),
  ]);
  return new Residual(body, { activation: 'relu' });
}

function resnet(dtype: 'f32' | 'f64'): Sequential {
  return new Sequential(
    [
      new Conv2d(1, 8, 3, { padding: 1, dtype }),
      new BatchNorm2d(8, { dtype }),
      new ReLU(),
      block(8, dtype),
      block(8, dtype),
      new GlobalAvgPool2d(),
      new Dense(8, 10, { dtype }),
    ],
    { name: 'resnet' },
  );
}

describe('a ResNet-style network', () => {
  it('trains: the loss drops substantially over 20 plain SGD steps', () => {
    manualSeed(42);
    const model = resnet('f32');
    const x = randn([8, 1, 8, 8]);
    const labels = [0, 1, 2, 3, 4, 5, 6, 7];
    const learningRate = 0.5;
    const losses: number[] = [];
    const initial = model.parameters().map((p) => Float32Array.from(p.data));
    for (let step = 0; step < 20; step++) {
      const loss = crossEntropyLoss(model.forward(x), labels, { fromLogits: true });
      losses.push(loss.item());
      loss.backward();
      noGrad(() => {
        for (const p of model.parameters()) assign(p, sub(p, mul(p.grad as Tensor, learningRate)));
      });
      model.zeroGrad();
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[0]).toBeGreaterThan(1.5);
    expect(losses[19] as number).toBeLessThan(0.5 * (losses[0] as number));
    // Every parameter, including those inside the residual bodies, was trained.
    const trained = model.parameters();
    expect(trained).toHaveLength(2 + 2 + 2 * 8 + 2);
    trained.forEach((p, i) => expect(Array.from(p.data)).not.toEqual(Array.from(initial[i] as Float32Array)));
  });

  it('eval() reaches a BatchNorm inside a Residual inside the Sequential, which then uses running stats', () => {
    manualSeed(7);
    const model = resnet('f64');
    const x = randn([4, 1, 6, 6], { dtype: 'f64' });
    model.forward(x); // one training step of running statistics
    const residual = model.layers[3] as Residual;
    const innerBatchNorm = (residual.body as Sequential).layers[1] as BatchNorm2d;
    const innerConv = (residual.body as Sequential).layers[0] as Conv2d;
    expect(innerBatchNorm.training).toBe(true);
    expect(Array.from(innerBatchNorm.runningMean.data).some((v) => v !== 0)).toBe(true);
    model.eval();
    expect(innerBatchNorm.training).toBe(false);
    expect(model.namedModules().every(([, module]) => !module.training)).toBe(true);
    // In eval mode the inner BN output is (h − runningMean) / √(runningVar + ε) · weight + bias, per channel.
    const features = (model.layers[2] as ReLU).forward((model.layers[1] as BatchNorm2d).forward((model.layers[0] as Conv2d).forward(x)));
    const h = innerConv.forward(features);
    const before = Float64Array.from(innerBatchNorm.runningMean.data);
    const y = innerBatchNorm.forward(h);
    const mean = innerBatchNorm.runningMean.data;
    const variance = innerBatchNorm.runningVar.data;
    const plane = 36;
    Array.from(y.data).forEach((value, i) => {
      const channel = Math.floor(i / plane) % 8;
      const expected = ((h.data[i] as number) - (mean[channel] as number)) / Math.sqrt((variance[channel] as number) + 1e-5);
      expect(value).toBeCloseTo(expected, 10);
    });
    expect(Array.from(innerBatchNorm.runningMean.data)).toEqual(Array.from(before));
    // Eval output of the whole model is deterministic per sample: a batch of one equals its row in the batch.
    const all = model.forward(x).toList() as number[][];
    const first = model.forward(x.narrow(0, 0, 1)).toList() as number[][];
    first[0]!.forEach((value, j) => expect(value).toBeCloseTo(all[0]![j] as number, 10));
    model.train();
    expect(innerBatchNorm.training).toBe(true);
  });
});
