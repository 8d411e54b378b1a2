// Trains a small ResNet on MNIST with the Trainer: progress bar, checkpoints, periodic test accuracy, a plot.
import { join } from 'node:path';
import { crossEntropyLoss, manualSeed } from '@nanograd/autograd';
import { accuracy, Trainer, type Callback } from '@nanograd/data';
import { fileCheckpoints, latestCheckpoint, progressBar } from '@nanograd/data/node';
import { summary } from '@nanograd/layer';
import { Adam } from '@nanograd/optimizer';
import { prepareMnist, saveRun, smoothedLoss, type MnistDataOptions } from '@nanograd-examples/shared';
import { resnetMnist } from './model';

/** Options of {@link trainResnetMnist}; batch size, limits, backend and quiet are the shared MNIST data options. */
export interface TrainOptions extends MnistDataOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** Evaluate on the first `curveImages` test images every this many steps, for the accuracy curve. */
  readonly evaluateEvery: number;
  readonly curveImages: number;
  /** Save a checkpoint every this many steps. */
  readonly checkpointEvery: number;
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

export async function trainResnetMnist(options: TrainOptions): Promise<TrainResult> {
  const { log, backend, test, trainLoader, testLoader, testPrefix } = await prepareMnist(options, 'channels', 500);
  // The whole test set costs a sixth of an epoch here, so the curve uses a prefix; the final number uses all of it.
  const curve = testPrefix(options.curveImages);
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
          if (info.step % options.evaluateEvery === 0) accuracyCurve.push([info.step, (await trainer.evaluate(curve.loader)).accuracy as number]);
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
  accuracyCurve.push([trainer.step, (await trainer.evaluate(curve.loader)).accuracy as number]);
  log(`test accuracy on all ${test.length} test images: ${(100 * (result.accuracy as number)).toFixed(2)}%`);
  const files = await saveRun(options.outDir, 'resnet-mnist', model, result.accuracy as number, [
    { title: 'Training loss (20-step mean)', xLabel: 'step', yLabel: 'cross-entropy', series: [{ label: 'train loss', points: smoothedLoss(history.steps), color: '#d62728' }] },
    { title: 'Test accuracy', xLabel: 'step', yLabel: 'accuracy', series: [{ label: `test (first ${curve.length} images)`, points: accuracyCurve, color: '#1f77b4' }] },
  ]);
  return { testAccuracy: result.accuracy as number, testLoss: result.loss as number, seconds, steps: trainer.step, backend, files: { ...files, checkpoints } };
}
