// batchNorm in training on the WASM backend (f32, one thread), forward and forward + backward, with weight, bias and
// running statistics: `tsx --conditions=@nanograd/source bench/batch-norm.bench.ts` prints a markdown table of medians.
import { backward, batchNorm, ones, randn, setBackend, zeros, type Tensor } from '../src/index';
import { createWasmBackend } from '@nanograd/kernels/wasm';
import { median } from './median';

const WARMUP = 10;
const RUNS = 40;

async function time(run: () => void): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    if (i >= WARMUP) samples.push(elapsed);
    // One event-loop turn per step, so finalizers return dead buffers to the WASM heap (as the Trainer does).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return median(samples);
}

async function main(): Promise<void> {
  setBackend(await createWasmBackend({ threads: 1 }));
  const lines = ['| x (f32) | forward ms | forward + backward ms |', '|:--|--:|--:|'];
  for (const shape of [[128, 8, 28, 28], [128, 16, 14, 14]]) {
    const channels = shape[1]!;
    const x = randn(shape, { requiresGrad: true });
    const weight = ones([channels], { requiresGrad: true });
    const bias = zeros([channels], { requiresGrad: true });
    const runningMean = zeros([channels]);
    const runningVar = ones([channels]);
    const seed = randn(shape);
    const forward = (): Tensor => batchNorm(x, { weight, bias, runningMean, runningVar });
    const forwardMs = await time(() => void forward());
    const stepMs = await time(() => {
      for (const t of [x, weight, bias]) t.grad = null;
      backward(forward(), { seed });
    });
    lines.push(`| ${shape.join('x')} | ${forwardMs.toFixed(2)} | ${stepMs.toFixed(2)} |`);
  }
  console.log(lines.join('\n'));
}

await main();
