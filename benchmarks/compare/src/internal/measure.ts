// Warm-up, adaptive timing and the one JSON line every runner prints.

import { performance } from 'node:perf_hooks';
import type { WorkloadName } from './workloads';

/** One measurement, the line a runner writes to stdout. */
export interface Result {
  library: string;
  backend: string;
  workload: WorkloadName;
  medianMs: number | null;
  minMs: number | null;
  runs: number;
  note: string;
}

/** Timing budget: warm-up iterations, then at least `minRuns` runs AND at least `minSeconds` of timed work. */
export interface Budget {
  warmup: number;
  minRuns: number;
  minSeconds: number;
  maxRuns: number;
}

/** The full budget (≥3 warm-ups, ≥5 runs and ≥2 s) or the `--quick` smoke-check budget. */
export function budget(quick: boolean): Budget {
  return quick ? { warmup: 3, minRuns: 3, minSeconds: 0.3, maxRuns: 50 } : { warmup: 3, minRuns: 5, minSeconds: 2, maxRuns: 500 };
}

/** Wall time after which a slow workload may stop at 3 runs. */
const SLOW_CUTOFF_SECONDS = 30;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Times `step` (which must finish all its work, including device sync, before resolving). */
export async function measure(step: () => void | Promise<void>, limits: Budget): Promise<{ medianMs: number; minMs: number; runs: number }> {
  // Between (untimed) steps the event loop turns, as in a real training loop: finalizers return dead tensors'
  // WASM memory and tfjs/jax-js housekeeping runs, for every library alike.
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < limits.warmup; i++) {
    await step();
    await turn();
  }
  const times: number[] = [];
  const start = performance.now();
  const done = (): boolean => {
    const elapsed = performance.now() - start;
    // Multi-second steps (tfjs cpu on the CNN) stop after 3 runs once 30 s are spent, so a full run stays bounded.
    if (times.length >= 3 && elapsed >= SLOW_CUTOFF_SECONDS * 1000) return true;
    return times.length >= limits.maxRuns || (times.length >= limits.minRuns && elapsed >= limits.minSeconds * 1000);
  };
  while (!done()) {
    const t0 = performance.now();
    await step();
    times.push(performance.now() - t0);
    await turn();
  }
  return { medianMs: median(times), minMs: Math.min(...times), runs: times.length };
}

/** Parsed common runner flags: `<workload> [--backend x] [--quick]`. */
export interface RunnerArgs {
  workload: string | undefined;
  backend: string | undefined;
  quick: boolean;
}

/** Reads the runner's argv. */
export function runnerArgs(argv: readonly string[]): RunnerArgs {
  let workload: string | undefined;
  let backend: string | undefined;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--backend') backend = argv[++i];
    else if (arg === '--quick') quick = true;
    else if (arg === '--workload') workload = argv[++i];
    else if (arg !== undefined && !arg.startsWith('--')) workload = arg;
  }
  return { workload, backend, quick };
}

/** Prints the result line (the only stdout output of a runner). */
export function report(result: Result): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Measures a workload and reports it; any error becomes a `medianMs: null` line whose note is the message. */
export async function runAndReport(
  identity: { library: string; backend: string; workload: WorkloadName },
  setup: () => Promise<{ step: () => void | Promise<void>; note?: string }>,
  quick: boolean,
): Promise<void> {
  try {
    const { step, note } = await setup();
    const timing = await measure(step, budget(quick));
    report({ ...identity, ...timing, note: note ?? '' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report({ ...identity, medianMs: null, minMs: null, runs: 0, note: message.split('\n')[0]?.slice(0, 160) ?? 'error' });
  }
}
