// Forward and backward timings of core ops at batch 128 (f32): `tsx bench/ops.bench.ts` prints a markdown table.
import type * as Api from '../src/index';
import type { Tensor } from '../src/index';
import { median } from './median';

type OpFn = (...args: never[]) => Tensor;

interface Row {
  readonly name: string;
  readonly shapes: string;
  /** Fresh inputs (leaves requiring grad) for one run. */
  readonly inputs: () => Tensor[];
  /** The forward call; absent when the op is not exported. */
  readonly forward: ((inputs: Tensor[]) => Tensor) | undefined;
}

const WARMUP = 5;
const MIN_RUNS = 5;
const MAX_RUNS = 50;
// Per-row time budget in ms, keeping the whole bench well under two minutes.
const ROW_BUDGET_MS = 3000;

function formatMicros(ms: number): string {
  return (ms * 1000).toFixed(0);
}

async function main(): Promise<void> {
  const api: typeof Api = await import('../src/index');
  const { add, mul, matmul, sum, mean, relu, tanh, softmax, randn, tensor } = api;
  // Ops other helpers may not have exported yet: looked up by name so a missing one gives an "n/a" row.
  const exported: Record<string, unknown> = { ...api };
  const optional = <F extends OpFn>(name: string): F | undefined => {
    const fn = exported[name];
    return typeof fn === 'function' ? (fn as F) : undefined;
  };
  const leaf = (shape: number[]): Tensor => randn(shape, { requiresGrad: true });

  const crossEntropyLoss = optional<(pred: Tensor, target: Tensor, options: { fromLogits: boolean }) => Tensor>('crossEntropyLoss');
  const conv2d = optional<(x: Tensor, w: Tensor, bias: null, options: { padding: number }) => Tensor>('conv2d');
  const maxPool2d = optional<(x: Tensor, kernelSize: number) => Tensor>('maxPool2d'); // stride defaults to the kernel size
  const layerNorm = optional<(x: Tensor, weight: Tensor, bias: Tensor) => Tensor>('layerNorm');
  const attention = optional<(q: Tensor, k: Tensor, v: Tensor, options: { causal: boolean }) => Tensor>('scaledDotProductAttention');
  const classes = tensor(Int32Array.from({ length: 128 }, (_, i) => (i * 7) % 10));

  const rows: Row[] = [
    { name: 'add', shapes: '(128,784)+(128,784)', inputs: () => [leaf([128, 784]), leaf([128, 784])], forward: ([a, b]) => add(a!, b!) },
    { name: 'mul', shapes: '(128,784)*(128,784)', inputs: () => [leaf([128, 784]), leaf([128, 784])], forward: ([a, b]) => mul(a!, b!) },
    { name: 'matmul', shapes: '(128,784)@(784,128)', inputs: () => [leaf([128, 784]), leaf([784, 128])], forward: ([a, b]) => matmul(a!, b!) },
    { name: 'sum axes (2,3)', shapes: '(128,64,14,14)', inputs: () => [leaf([128, 64, 14, 14])], forward: ([x]) => sum(x!, { axis: [2, 3] }) },
    { name: 'mean axes (2,3)', shapes: '(128,64,14,14)', inputs: () => [leaf([128, 64, 14, 14])], forward: ([x]) => mean(x!, { axis: [2, 3] }) },
    { name: 'relu', shapes: '(128,784)', inputs: () => [leaf([128, 784])], forward: ([x]) => relu(x!) },
    { name: 'tanh', shapes: '(128,784)', inputs: () => [leaf([128, 784])], forward: ([x]) => tanh(x!) },
    { name: 'softmax', shapes: '(128,10)', inputs: () => [leaf([128, 10])], forward: ([x]) => softmax(x!, { axis: -1 }) },
    { name: 'softmax', shapes: '(128,1000)', inputs: () => [leaf([128, 1000])], forward: ([x]) => softmax(x!, { axis: -1 }) },
    {
      name: 'crossEntropyLoss (logits)',
      shapes: '(128,10), 128 indices',
      inputs: () => [leaf([128, 10])],
      forward: crossEntropyLoss && (([x]) => crossEntropyLoss(x!, classes, { fromLogits: true })),
    },
    {
      name: 'conv2d pad 1',
      shapes: 'x(128,8,14,14) w(16,8,3,3)',
      inputs: () => [leaf([128, 8, 14, 14]), leaf([16, 8, 3, 3])],
      forward: conv2d && (([x, w]) => conv2d(x!, w!, null, { padding: 1 })),
    },
    { name: 'maxPool2d 2x2', shapes: '(128,16,14,14)', inputs: () => [leaf([128, 16, 14, 14])], forward: maxPool2d && (([x]) => maxPool2d(x!, 2)) },
    {
      name: 'layerNorm (last axis, affine)',
      shapes: '(32,32,64), w,b (64)',
      inputs: () => [leaf([32, 32, 64]), leaf([64]), leaf([64])],
      forward: layerNorm && (([x, w, b]) => layerNorm(x!, w!, b!)),
    },
    {
      name: 'causal attention, 4 heads',
      shapes: 'q,k,v (32,4,32,16)',
      inputs: () => [leaf([32, 4, 32, 16]), leaf([32, 4, 32, 16]), leaf([32, 4, 32, 16])],
      forward: attention && (([q, k, v]) => attention(q!, k!, v!, { causal: true })),
    },
  ];

  const lines = ['| op | shapes | forward µs | backward µs | runs |', '| --- | --- | ---: | ---: | ---: |'];
  const started = performance.now();
  for (const row of rows) {
    if (row.forward === undefined) {
      lines.push(`| ${row.name} | ${row.shapes} | n/a | n/a | 0 |`);
      continue;
    }
    try {
      const { forward, backward, runs } = measure(row.inputs, row.forward, sum);
      lines.push(`| ${row.name} | ${row.shapes} | ${formatMicros(forward)} | ${formatMicros(backward)} | ${runs} |`);
    } catch (error) {
      // A signature guessed for a newly added op may be wrong: report it instead of aborting the table.
      lines.push(`| ${row.name} | ${row.shapes} | error: ${error instanceof Error ? error.message : String(error)} | | 0 |`);
    }
  }
  console.log(lines.join('\n'));
  console.log(`\nMedian of N runs after ${WARMUP} warm-up runs; backward = backward() of sum(out). Total ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

function measure(
  makeInputs: () => Tensor[],
  forward: (inputs: Tensor[]) => Tensor,
  sum: (x: Tensor) => Tensor,
): { forward: number; backward: number; runs: number } {
  const once = (): [number, number] => {
    const inputs = makeInputs();
    const t0 = performance.now();
    const out = forward(inputs);
    const t1 = performance.now();
    const loss = sum(out);
    const t2 = performance.now();
    loss.backward();
    const t3 = performance.now();
    return [t1 - t0, t3 - t2];
  };
  let spent = 0;
  for (let i = 0; i < WARMUP; i++) {
    const [f, b] = once();
    spent += f + b;
  }
  const runs = Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.floor(ROW_BUDGET_MS / Math.max(spent / WARMUP, 1e-3))));
  const forwards: number[] = [];
  const backwards: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [f, b] = once();
    forwards.push(f);
    backwards.push(b);
  }
  return { forward: median(forwards), backward: median(backwards), runs };
}

await main();
