// Node glue of the WASM backend's threads: worker_threads workers (unref'd, so they never keep the process alive)
// and the core count. Loaded with a dynamic import only under Node, so browser bundles never evaluate it.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SpawnedWorker, WorkerSpawner } from '../internal/gemm-pool';
import type { GemmWorkerInit } from '../internal/gemm-worker-main';

// Eval'd code needs no file, so it works from sources, dist and bundles alike; it runs as CommonJS or, under an
// inherited --input-type=module, as ESM: a dynamic import works in both.
const GLUE =
  'import("node:worker_threads").then(({ parentPort, workerData }) => main(workerData, () => parentPort.postMessage("ready")));';

/** Starts a worker_threads worker running the GEMM worker main on `init`. */
export const nodeWorkerSpawner: WorkerSpawner = (source: (glue: string) => string, init: GemmWorkerInit): SpawnedWorker => {
  const worker = new Worker(source(GLUE), { eval: true, workerData: init });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', (error) => reject(error));
  });
  return { ready, terminate: () => void worker.terminate() };
};

/** Cores this process may use. */
export function nodeCoreCount(): number {
  return availableParallelism();
}
