// Cross-library benchmark driver: runs every runner in its own child process, one after another, and prints a
// markdown table of medians and ratios. Usage: pnpm bench:compare [--quick] [--only gemm512,mlp] [--libraries nanograd,tfjs-cpu]

import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from './internal/measure';
import { WORKLOAD_LABELS, WORKLOADS, gemmFlops, parseWorkload } from './internal/workloads';
import type { WorkloadName } from './internal/workloads';

interface Runner {
  /** Column id, also what `--libraries` matches (whole id or the part before the dash). */
  id: string;
  command: string;
  args: (workload: WorkloadName, quick: boolean) => string[];
  peer: boolean;
  /** Extra environment variables of the child. */
  env?: Record<string, string>;
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = (file: string, extra: string[] = []): ((workload: WorkloadName, quick: boolean) => string[]) => (workload, quick) => [
  '--import',
  'tsx',
  ...extra,
  join('src', file),
  workload,
  ...(quick ? ['--quick'] : []),
];
const source = ['--conditions=@nanograd/source'];

const RUNNERS: readonly Runner[] = [
  { id: 'nanograd-js', command: process.execPath, args: (w, q) => [...tsx('run-nanograd.ts', source)(w, q), '--backend', 'js'], peer: false },
  { id: 'nanograd-wasm', command: process.execPath, args: (w, q) => [...tsx('run-nanograd.ts', source)(w, q), '--backend', 'wasm'], peer: false },
  { id: 'nanograd-wasm-2t', command: process.execPath, args: (w, q) => [...tsx('run-nanograd.ts', source)(w, q), '--backend', 'wasm-2t'], peer: false },
  { id: 'tfjs-cpu', command: process.execPath, args: (w, q) => [...tsx('run-tfjs.ts')(w, q), '--backend', 'cpu'], peer: true },
  { id: 'tfjs-wasm', command: process.execPath, args: (w, q) => [...tsx('run-tfjs.ts')(w, q), '--backend', 'wasm'], peer: true },
  { id: 'jax-js', command: process.execPath, args: tsx('run-jax.ts'), peer: true },
  // One BLAS thread: every JS runner computes on one core, and a threaded OpenBLAS collapses on a busy machine.
  {
    id: 'numpy',
    command: 'python3',
    args: (w, q) => [join('src', 'run-numpy.py'), w, ...(q ? ['--quick'] : [])],
    peer: false,
    env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  },
];

function parseOptions(argv: readonly string[]): { quick: boolean; workloads: WorkloadName[]; runners: Runner[] } {
  let quick = false;
  let workloads: WorkloadName[] = [...WORKLOADS];
  let runners: Runner[] = [...RUNNERS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--only') workloads = (argv[++i] ?? '').split(',').map((name) => parseWorkload(name));
    else if (arg === '--libraries') {
      const wanted = (argv[++i] ?? '').split(',');
      runners = RUNNERS.filter((runner) => wanted.includes(runner.id) || wanted.includes(runner.id.split('-')[0] as string));
      if (runners.length === 0) throw new Error(`--libraries matched nothing (known: ${RUNNERS.map((r) => r.id).join(', ')})`);
    } else throw new Error(`unknown option '${arg ?? ''}' (use --quick, --only <workloads>, --libraries <ids>)`);
  }
  return { quick, workloads, runners };
}

function run(runner: Runner, workload: WorkloadName, quick: boolean): Result {
  const child = spawnSync(runner.command, runner.args(workload, quick), {
    cwd: packageDir,
    env: { ...process.env, ...runner.env },
    encoding: 'utf8',
    timeout: (quick ? 5 : 15) * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout?.split('\n').find((text) => text.startsWith('{') && text.includes('"library"'));
  if (line !== undefined) return JSON.parse(line) as Result;
  const reason = child.error?.message ?? child.stderr?.trim().split('\n').at(-1) ?? `exit ${String(child.status)}`;
  return { library: runner.id, backend: '', workload, medianMs: null, minMs: null, runs: 0, note: `runner failed: ${reason.slice(0, 120)}` };
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function cell(result: Result | undefined): string {
  if (result === undefined) return '–';
  if (result.medianMs === null) return `n/a (${result.note.replaceAll('|', '/')})`;
  const gemm = result.workload === 'gemm128' || result.workload === 'gemm512';
  const rate = gemm ? ` (${(gemmFlops(result.workload as 'gemm128' | 'gemm512') / (result.medianMs * 1e6)).toFixed(1)} GFLOP/s)` : '';
  return `${formatMs(result.medianMs)} ms${rate}`;
}

function best(results: readonly Result[]): Result | undefined {
  return results.filter((r) => r.medianMs !== null).sort((a, b) => (a.medianMs as number) - (b.medianMs as number))[0];
}

const { quick, workloads, runners } = parseOptions(process.argv.slice(2));
const results = new Map<string, Result>();
for (const workload of workloads) {
  for (const runner of runners) {
    process.stderr.write(`running ${runner.id} ${workload}… `);
    const result = run(runner, workload, quick);
    results.set(`${runner.id}/${workload}`, result);
    process.stderr.write(result.medianMs === null ? `n/a: ${result.note}\n` : `${formatMs(result.medianMs)} ms (${result.runs} runs)\n`);
  }
}

const columns = runners.filter((runner) => runner.id !== 'numpy');
const lines: string[] = [];
lines.push(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}${quick ? ', --quick' : ''}`);
lines.push('');
lines.push(`| workload | ${columns.map((r) => r.id).join(' | ')} | best nanograd vs best peer | ceiling (numpy) |`);
lines.push(`| --- | ${columns.map(() => '---:').join(' | ')} | ---: | ---: |`);
// Note text → the workloads it applies to, so a remark shared by every row is printed once.
const notes = new Map<string, string[]>();
const addNote = (text: string, workload: WorkloadName): void => {
  notes.set(text, [...(notes.get(text) ?? []), workload]);
};
for (const workload of workloads) {
  const row = columns.map((runner) => results.get(`${runner.id}/${workload}`));
  const ours = best(row.filter((r, i) => r !== undefined && !(columns[i] as Runner).peer) as Result[]);
  const peers = best(row.filter((r, i) => r !== undefined && (columns[i] as Runner).peer) as Result[]);
  const ratio =
    ours !== undefined && peers !== undefined
      ? `${((ours.medianMs as number) / (peers.medianMs as number)).toFixed(2)}× (${ours.backend} vs ${peers.library}-${peers.backend})`
      : 'n/a';
  const numpy = results.get(`numpy/${workload}`);
  const ceiling = runners.some((r) => r.id === 'numpy') ? (numpy?.medianMs === null || numpy === undefined ? 'n/a' : cell(numpy)) : '–';
  lines.push(`| ${WORKLOAD_LABELS[workload]} | ${row.map(cell).join(' | ')} | ${ratio} | ${ceiling} |`);
  for (const [index, result] of row.entries()) {
    if (result?.medianMs !== null && result?.note) addNote(`${(columns[index] as Runner).id}: ${result.note}`, workload);
  }
  if (numpy?.medianMs !== null && numpy?.note) addNote(`numpy: ${numpy.note}`, workload);
}
lines.push('');
lines.push('Medians of wall-clock time per call or training step (lower is better). Ratio = best nanograd median / best peer median (< 1: nanograd faster).');
for (const [note, rows] of notes) lines.push(`- ${note} (${rows.length === workloads.length ? 'all rows' : rows.join(', ')})`);
process.stdout.write(`${lines.join('\n')}\n`);
