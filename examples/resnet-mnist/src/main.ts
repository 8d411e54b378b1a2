// pnpm start: train a small ResNet (real residual blocks) for one epoch on real MNIST, offline, and report accuracy and time.
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainResnetMnist } from './train';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '1' },
    batch: { type: 'string', default: '128' },
    lr: { type: 'string', default: '0.003' },
    backend: { type: 'string', default: 'auto' },
    'checkpoint-every': { type: 'string', default: '100' },
    smoke: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const backend = values.backend as 'js' | 'wasm' | 'auto';
if (!['js', 'wasm', 'auto'].includes(backend)) throw new Error(`--backend must be js, wasm or auto (got ${backend})`);
const outDir = values.out ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
const result = await trainResnetMnist({
  epochs: Number(values.epochs),
  batchSize: Number(values.batch),
  learningRate: Number(values.lr),
  evaluateEvery: values.smoke ? 10 : 50,
  curveImages: 2000,
  checkpointEvery: values.smoke ? 20 : Number(values['checkpoint-every']),
  outDir,
  backend,
  resume: values.resume,
  ...(values.smoke ? { trainLimit: 5120, testLimit: 1000 } : {}),
});
console.log(`\ntest accuracy ${(100 * result.testAccuracy).toFixed(2)}% (loss ${result.testLoss.toFixed(4)}) after ${result.steps} steps`);
console.log(`training time ${result.seconds.toFixed(1)} s on the ${result.backend} backend`);
console.log(`model: ${result.files.model}\nplot: ${result.files.plot}\ncheckpoints: ${result.files.checkpoints}`);
