// Where a nanograd step spends its time: wraps every kernel (and alloc) of the backend with a timer and prints a
// table of milliseconds per step by kernel and operand shape. A developer tool, not part of the comparison.
// Usage: tsx --conditions=@nanograd/source src/profile-kernels.ts <workload> [--backend js|wasm|wasm-2t] [--rows 40]
import { performance } from 'node:perf_hooks';
import { setBackend } from '@nanograd/autograd';
import { createJsBackend, type Backend, type Kernels, type View } from '@nanograd/kernels';
import { createWasmBackend, createWasmBackendSync } from '@nanograd/kernels/wasm';
import { nanogradStep } from './internal/nanograd-step';
import { parseWorkload } from './internal/workloads';

interface Entry {
  calls: number;
  ms: number;
}

const statistics = new Map<string, Entry>();

function record(key: string, start: number): void {
  const entry = statistics.get(key) ?? { calls: 0, ms: 0 };
  entry.calls += 1;
  entry.ms += performance.now() - start;
  statistics.set(key, entry);
}

function isView(value: unknown): value is View {
  return typeof value === 'object' && value !== null && 'shape' in value && 'strides' in value;
}

/** `kernel:op shape@shape` from the call's arguments: the op name if any, then the first two views' shapes. */
function label(kernel: string, args: readonly unknown[]): string {
  const op = typeof args[0] === 'string' ? `:${args[0]}` : '';
  const shapes = args.filter(isView).slice(0, 2).map((view) => view.shape.join('x') || 'scalar');
  return `${kernel}${op} ${shapes.join(' @ ')}`;
}

/** The backend with every kernel and `alloc` timed. */
function timed(inner: Backend): Backend {
  const kernels = Object.fromEntries(
    Object.entries(inner.kernels).map(([name, kernel]: [string, (...args: unknown[]) => void]) => [
      name,
      (...args: unknown[]): void => {
        const start = performance.now();
        kernel(...args);
        record(label(name, args), start);
      },
    ]),
  ) as unknown as Kernels;
  return {
    ...inner,
    alloc(dtype, size) {
      const start = performance.now();
      const buffer = inner.alloc(dtype, size);
      record('alloc', start);
      return buffer;
    },
    kernels,
  };
}

const argv = process.argv.slice(2);
const workload = parseWorkload(argv.find((arg) => !arg.startsWith('--')));
const option = (name: string): string | undefined => argv[argv.indexOf(`--${name}`) + 1];
const backendName = argv.includes('--backend') ? option('backend') : 'wasm';
const rows = argv.includes('--rows') ? Number(option('rows')) : 40;
const inner = backendName === 'js' ? createJsBackend() : backendName === 'wasm-2t' ? await createWasmBackend({ threads: 2 }) : createWasmBackendSync();
setBackend(timed(inner));
const step = nanogradStep(workload);
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
for (let i = 0; i < 5; i++) {
  step();
  await turn();
}
statistics.clear();
const steps = 20;
let total = 0;
for (let i = 0; i < steps; i++) {
  const start = performance.now();
  step();
  total += performance.now() - start;
  await turn();
}
const sorted = [...statistics].sort(([, a], [, b]) => b.ms - a.ms);
const inKernels = sorted.reduce((sum, [key, entry]) => sum + (key === 'alloc' ? 0 : entry.ms), 0);
const calls = sorted.reduce((sum, [, entry]) => sum + entry.calls, 0);
console.log(`# ${workload} on ${backendName}: ${(total / steps).toFixed(2)} ms per step, ${(inKernels / steps).toFixed(2)} ms in kernels, ${(calls / steps).toFixed(0)} calls\n`);
console.log('| ms / step | calls / step | kernel |\n|--:|--:|:--|');
for (const [key, entry] of sorted.slice(0, rows)) console.log(`| ${(entry.ms / steps).toFixed(3)} | ${entry.calls / steps} | ${key} |`);
