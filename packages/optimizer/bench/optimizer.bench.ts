// Microseconds per optimizer step over the parameters of a 784-256-128-10 MLP (f32): `tsx bench/optimizer.bench.ts`.
import { randn } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { Adagrad, Adam, AdamW, RMSprop, SGD, clipGradNorm } from '../src/index';

const WARMUP = 10;
const RUNS = 100;

function mlpParameters(): Tensor[] {
  const shapes = [[784, 256], [256], [256, 128], [128], [128, 10], [10]];
  return shapes.map((shape) => {
    const param = randn(shape, { requiresGrad: true });
    param.grad = randn(shape);
    return param;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(run: () => void): number {
  for (let i = 0; i < WARMUP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples) * 1000;
}

const params = mlpParameters();
const count = params.reduce((total, param) => total + param.size, 0);
const rows: [string, () => void][] = [
  ['SGD', ((o) => () => o.step())(new SGD(params, { learningRate: 1e-3 }))],
  ['SGD momentum 0.9, Nesterov', ((o) => () => o.step())(new SGD(params, { learningRate: 1e-3, momentum: 0.9, nesterov: true }))],
  ['Adam', ((o) => () => o.step())(new Adam(params, { learningRate: 1e-6 }))],
  ['Adam amsgrad', ((o) => () => o.step())(new Adam(params, { learningRate: 1e-6, amsgrad: true }))],
  ['AdamW', ((o) => () => o.step())(new AdamW(params, { learningRate: 1e-6 }))],
  ['RMSprop centered, momentum', ((o) => () => o.step())(new RMSprop(params, { learningRate: 1e-6, centered: true, momentum: 0.9 }))],
  ['Adagrad', ((o) => () => o.step())(new Adagrad(params, { learningRate: 1e-6 }))],
  ['clipGradNorm (no scaling)', () => clipGradNorm(params, 1e9)],
];

console.log(`Optimizer step over a 784-256-128-10 MLP (${count} f32 parameters), median of ${RUNS} runs\n`);
console.log('| operation | µs per step | ns per parameter |');
console.log('|---|---:|---:|');
for (const [name, run] of rows) {
  const micros = time(run);
  console.log(`| ${name} | ${micros.toFixed(0)} | ${((micros * 1000) / count).toFixed(2)} |`);
}
