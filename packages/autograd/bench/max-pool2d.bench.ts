// maxPool2d forward + backward on the WASM backend, MNIST-CNN first-pool shape (128, 8, 28, 28), 2x2, f32:
// `tsx --conditions=@nanograd/source bench/max-pool2d.bench.ts` prints a markdown table of medians.
import { createWasmBackend } from '@nanograd/kernels/wasm';
import type * as Api from '../src/index';
import { median } from './median';

const WARMUP = 10;
const RUNS = 200;

async function main(): Promise<void> {
  const api: typeof Api = await import('../src/index');
  const { gradients, maxPool2d, randn, setBackend } = api;
  setBackend(await createWasmBackend());
  const x = randn([128, 8, 28, 28], { requiresGrad: true });
  // A dense upstream gradient, as from the layer above in a network.
  const seed = randn([128, 8, 14, 14]);
  const forward: number[] = [];
  const total: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const start = performance.now();
    const y = maxPool2d(x, 2);
    const middle = performance.now();
    gradients(y, [x], { seed });
    const end = performance.now();
    if (run >= WARMUP) {
      forward.push(middle - start);
      total.push(end - start);
    }
    // Give the backend's FinalizationRegistry a chance to return dropped buffers.
    if (run % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  console.log('| maxPool2d 128x8x28x28, 2x2, f32, wasm | median ms |');
  console.log('|:--|--:|');
  console.log(`| forward | ${median(forward).toFixed(3)} |`);
  console.log(`| backward | ${median(total.map((t, i) => t - forward[i]!)).toFixed(3)} |`);
  console.log(`| forward + backward | ${median(total).toFixed(3)} |`);
}

await main();
