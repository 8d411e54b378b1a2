// Trains nanoad's CNN on MNIST with the Trainer: progress bar, checkpoints, periodic test accuracy, a plot.
import { join } from 'node:path';
import { crossEntropyLoss, manualSeed } from '@nanograd/autograd';
import { accuracy, Trainer, type Callback } from '@nanograd/data';
import { fileCheckpoints, latestCheckpoint, progressBar } from '@nanograd/data/node';
import { summary } from '@nanograd/layer';
import { Adam } from '@nanograd/optimizer';
import { prepareMnist, saveRun, smoothedLoss, type MnistDataOptions } from '@nanograd-examples/shared';
import { mnistCnn } from './model';

/** Options of {@link trainMnistCnn}; batch size, limits, backend and quiet are the shared MNIST data options. */
export interface TrainOptions extends MnistDataOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** Evaluate on the test images every this many steps, for the accuracy curve. */
  readonly evaluateEvery: number;
  /** Save a checkpoint every this many steps (default 100). */
  readonly checkpointEvery?: number;
  readonly outDir: string;
  readonly resume: boolean;
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

export async function trainMnistCnn(options: TrainOptions): Promise<TrainResult> {
  const { log, backend, test, trainLoader, testLoader } = await prepareMnist(options, 'channels', 500);
  manualSeed(0);
  const model = mnistCnn();
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
          if (info.step % options.evaluateEvery === 0) accuracyCurve.push([info.step, (await trainer.evaluate(testLoader)).accuracy as number]);
        },
      } satisfies Callback,
    ],
    checkpoint: { every: options.checkpointEvery ?? 100, store: fileCheckpoints(checkpoints) },
  });
  const resumeFrom = options.resume ? await latestCheckpoint(checkpoints) : null;
  if (resumeFrom) log(`resuming from step ${resumeFrom.step}`);
  const started = performance.now();
  const history = await trainer.fit(trainLoader, { epochs: options.epochs, ...(resumeFrom ? { resumeFrom } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const result = await trainer.evaluate(testLoader);
  accuracyCurve.push([trainer.step, result.accuracy as number]);
  const files = await saveRun(options.outDir, 'mnist-cnn', model, result.accuracy as number, [
    { title: 'Training loss (20-step mean)', xLabel: 'step', yLabel: 'cross-entropy', series: [{ label: 'train loss', points: smoothedLoss(history.steps), color: '#d62728' }] },
    { title: 'Test accuracy', xLabel: 'step', yLabel: 'accuracy', series: [{ label: `test (${test.length} images)`, points: accuracyCurve, color: '#1f77b4' }], legend: 'bottom-right' },
  ]);
  return { testAccuracy: result.accuracy as number, testLoss: result.loss as number, seconds, steps: trainer.step, backend, files: { ...files, checkpoints } };
}
