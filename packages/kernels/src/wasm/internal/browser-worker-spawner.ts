// Starts GEMM workers as Web Workers from a Blob URL (needs a cross-origin-isolated page for SharedArrayBuffer).
import type { SpawnedWorker, WorkerSpawner } from './gemm-pool';
import type { GemmWorkerInit } from './gemm-worker-main';

const GLUE = 'self.onmessage = (event) => { self.onmessage = null; main(event.data, () => self.postMessage("ready")); };';

/** Web Workers, or undefined where the global Worker constructor is missing. */
export function browserWorkerSpawner(): WorkerSpawner | undefined {
  const WorkerConstructor = (globalThis as { Worker?: typeof Worker }).Worker;
  if (WorkerConstructor === undefined || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') return undefined;
  return (source: (glue: string) => string, init: GemmWorkerInit): SpawnedWorker => {
    const url = URL.createObjectURL(new Blob([source(GLUE)], { type: 'text/javascript' }));
    const worker = new WorkerConstructor(url);
    const ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (event) => reject(new Error(`wasm: GEMM worker failed to start: ${event.message}`));
    });
    void ready.finally(() => URL.revokeObjectURL(url)).catch(() => undefined);
    worker.postMessage(init);
    return { ready, terminate: () => worker.terminate() };
  };
}
