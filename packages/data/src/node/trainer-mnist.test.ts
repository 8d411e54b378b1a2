// The Trainer on real MNIST: a small MLP on 5,000 images must reach 90% on 1,000 held-out images.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossEntropyLoss, manualSeed } from '@nanograd/autograd';
import { Dense, ReLU, Sequential } from '@nanograd/layer';
import { Adam } from '@nanograd/optimizer';
import { DataLoader } from '../data-loader';
import { Subset } from '../subset';
import { TensorDataset } from '../tensor-dataset';
import { accuracy } from '../trainer/accuracy';
import { Trainer } from '../trainer/trainer';
import { loadMnist } from './load-mnist';

// CI clones the repo to <tmp>/main with the shared material at <tmp>/shared.
const dataDir = process.env.NANOGRAD_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data');
const haveShared = existsSync(join(dataDir, 'mnist', 'train-images-idx3-ubyte.gz'));
if (!haveShared && process.env.CI) throw new Error(`trainer-mnist: MNIST not found under ${dataDir} (CI needs ../shared/data)`);

describe.skipIf(!haveShared)('Trainer on MNIST', () => {
  it('trains a 784-64-10 MLP on 5,000 images to ≥ 90% accuracy on 1,000 held-out images', async () => {
    const mnist = await loadMnist({ dataDir, download: false, flatten: true });
    const all = new TensorDataset(mnist.train.images, mnist.train.labels);
    const indices = Array.from({ length: 6000 }, (_, i) => i);
    const train = new DataLoader(new Subset(all, indices.slice(0, 5000)), { batchSize: 50, shuffle: true, seed: 1 });
    const heldOut = new DataLoader(new Subset(all, indices.slice(5000)), { batchSize: 500 });
    manualSeed(0);
    const model = new Sequential([new Dense(784, 64, { activation: new ReLU() }), new Dense(64, 10)]);
    const trainer = new Trainer({
      model,
      optimizer: new Adam(model.parameters(), { learningRate: 2e-3 }),
      loss: (output, target) => crossEntropyLoss(output, target, { fromLogits: true }),
      metrics: { accuracy },
    });
    const history = await trainer.fit(train, { epochs: 3, validation: heldOut });
    const result = await trainer.evaluate(heldOut);
    console.log(`held-out accuracy ${result.accuracy}`);
    expect(history.epochs).toHaveLength(3);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(history.epochs[2]?.validation?.accuracy).toBe(result.accuracy);
  });
});
