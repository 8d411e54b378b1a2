// nanograd runner: one workload on one backend (`--backend js|wasm`), one JSON line on stdout.
// Usage: tsx --conditions=@nanograd/source src/run-nanograd.ts <workload> --backend js|wasm [--quick]

import { setBackend } from '@nanograd/autograd';
import { createWasmBackend, createWasmBackendSync } from '@nanograd/kernels/wasm';
import { runAndReport, runnerArgs } from './internal/measure';
import { nanogradStep } from './internal/nanograd-step';
import { parseWorkload } from './internal/workloads';

const args = runnerArgs(process.argv.slice(2));
const backend = args.backend ?? 'js';
const workload = parseWorkload(args.workload);
await runAndReport(
  { library: 'nanograd', backend, workload },
  async () => {
    if (backend === 'wasm') setBackend(createWasmBackendSync());
    // The same kernels with GEMM split over two worker threads (peers here are single-threaded).
    else if (backend === 'wasm-2t') setBackend(await createWasmBackend({ threads: 2 }));
    else if (backend !== 'js') throw new Error(`unknown nanograd backend '${backend}' (js, wasm or wasm-2t)`);
    return { step: nanogradStep(workload) };
  },
  args.quick,
);
