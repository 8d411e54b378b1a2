// pnpm start: train the notebook's MNIST MLP on real MNIST, offline, and report test accuracy and time.
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainMnistMlp } from './train';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    batch: { type: 'string', default: '128' },
    lr: { type: 'string', default: '0.001' },
    schedule: { type: 'string', default: 'cosine' },
    backend: { type: 'string', default: 'auto' },
    'checkpoint-every': { type: 'string', default: '200' },
    smoke: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const backend = values.backend as 'js' | 'wasm' | 'auto';
if (!['js', 'wasm', 'auto'].includes(backend)) throw new Error(`--backend must be js, wasm or auto (got ${backend})`);
const schedule = values.schedule as 'cosine' | 'constant';
if (!['cosine', 'constant'].includes(schedule)) throw new Error(`--schedule must be cosine or constant (got ${schedule})`);
const outDir = values.out ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
const result = await trainMnistMlp({
  // Smoke: 2 epochs of 2560 images = 40 steps.
  epochs: values.smoke ? 2 : Number(values.epochs),
  batchSize: Number(values.batch),
  learningRate: Number(values.lr),
  schedule,
  checkpointEvery: values.smoke ? 20 : Number(values['checkpoint-every']),
  outDir,
  backend,
  resume: values.resume,
  ...(values.smoke ? { trainLimit: 2560, testLimit: 1000 } : {}),
});
console.log(`\ntest accuracy ${(100 * result.testAccuracy).toFixed(2)}% (loss ${result.testLoss.toFixed(4)}) after ${result.steps} steps`);
console.log(`training time ${result.seconds.toFixed(1)} s on the ${result.backend} backend`);
console.log(`model: ${result.files.model}\nplot: ${result.files.plot}\ncheckpoints: ${result.files.checkpoints}`);
