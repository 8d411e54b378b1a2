// Training a character-level GPT: random windows of the text, AdamW with warm-up and cosine decay, validation loss.
import { crossEntropyLoss, noGrad, rand, tensor, type Tensor } from '@nanograd/autograd';
import { GPT } from '@nanograd/layer';
import { AdamW, clipGradNorm, CosineWarmupLR } from '@nanograd/optimizer';

/** Model and training settings. The defaults are nanoad's run: width 64, 4 heads, 4 layers, context 32. */
export interface TrainConfig {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly numLayers: number;
  readonly blockSize: number;
  readonly batchSize: number;
  readonly iterations: number;
  readonly learningRate: number;
  readonly minLearningRate: number;
  readonly warmupSteps: number;
  readonly weightDecay: number;
  readonly gradClip: number;
  /** Print the training loss every this many iterations. */
  readonly logEvery: number;
  /** Measure the validation loss every this many iterations (and after the last). */
  readonly evalEvery: number;
  /** Batches averaged for one validation loss. */
  readonly evalBatches: number;
}

/** The configuration of the full run. */
export const DEFAULT_CONFIG: TrainConfig = {
  embedDim: 64,
  numHeads: 4,
  numLayers: 4,
  blockSize: 32,
  batchSize: 32,
  iterations: 2000,
  learningRate: 1e-3,
  minLearningRate: 1e-4,
  warmupSteps: 100,
  weightDecay: 0.1,
  gradClip: 1,
  logEvery: 100,
  evalEvery: 500,
  evalBatches: 20,
};

/** Progress reports of {@link train}. */
export interface TrainCallbacks {
  readonly onTrainLoss?: (iteration: number, loss: number, learningRate: number, secondsPerStep: number) => void;
  readonly onValidationLoss?: (iteration: number, loss: number) => void;
}

/** What {@link train} returns. */
export interface TrainResult {
  readonly model: GPT;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly validationLoss: number;
  readonly seconds: number;
}

/** Splits token ids 90/10 into training and validation parts (the validation text is the end of the corpus). */
export function splitTokens(tokens: Int32Array, trainFraction = 0.9): { train: Int32Array; validation: Int32Array } {
  const cut = Math.floor(tokens.length * trainFraction);
  return { train: tokens.subarray(0, cut), validation: tokens.subarray(cut) };
}

/** A batch of `batchSize` random windows: inputs `(B, T)` and the next-character targets `(B, T)`, both i32. */
export function sampleBatch(tokens: Int32Array, batchSize: number, blockSize: number): { inputs: Tensor; targets: Tensor } {
  if (tokens.length <= blockSize) throw new RangeError(`sampleBatch: ${tokens.length} tokens cannot fill a window of ${blockSize} + 1`);
  const starts = rand([batchSize], { dtype: 'f64' }).data;
  const inputs = new Int32Array(batchSize * blockSize);
  const targets = new Int32Array(batchSize * blockSize);
  for (let row = 0; row < batchSize; row++) {
    const start = Math.floor((starts[row] as number) * (tokens.length - blockSize));
    inputs.set(tokens.subarray(start, start + blockSize), row * blockSize);
    targets.set(tokens.subarray(start + 1, start + blockSize + 1), row * blockSize);
  }
  return { inputs: tensor(inputs, { dtype: 'i32' }).reshape([batchSize, blockSize]), targets: tensor(targets, { dtype: 'i32' }).reshape([batchSize, blockSize]) };
}

/** Mean cross-entropy (nats per character) of `model` over `batches` random windows of `tokens`, without dropout. */
export function estimateLoss(model: GPT, tokens: Int32Array, batches: number, batchSize: number): number {
  const wasTraining = model.training;
  model.eval();
  let total = 0;
  noGrad(() => {
    for (let i = 0; i < batches; i++) {
      const { inputs, targets } = sampleBatch(tokens, batchSize, model.blockSize);
      total += crossEntropyLoss(model.forward(inputs), targets, { fromLogits: true }).item();
    }
  });
  model.train(wasTraining);
  return total / batches;
}

/** Trains a fresh GPT on `trainTokens` and measures it on `validationTokens`. */
export function train(vocabSize: number, trainTokens: Int32Array, validationTokens: Int32Array, config: TrainConfig, callbacks: TrainCallbacks = {}): TrainResult {
  const { embedDim, numHeads, numLayers, blockSize, batchSize, iterations } = config;
  const model = new GPT({ vocabSize, blockSize, embedDim, numHeads, numLayers });
  // As nanoGPT: decay the matrices and embeddings, not the biases and layer-norm gains.
  const decayed = model.parameters().filter((parameter) => parameter.rank >= 2);
  const undecayed = model.parameters().filter((parameter) => parameter.rank < 2);
  const optimizer = new AdamW(
    [
      { params: decayed, weightDecay: config.weightDecay },
      { params: undecayed, weightDecay: 0 },
    ],
    { learningRate: config.learningRate, beta1: 0.9, beta2: 0.99 },
  );
  const scheduler = new CosineWarmupLR(optimizer, { warmupSteps: Math.min(config.warmupSteps, iterations - 1), totalSteps: iterations, minLr: config.minLearningRate });
  const start = performance.now();
  let windowStart = start;
  let firstLoss = Number.NaN;
  let lastLoss = Number.NaN;
  let validationLoss = Number.NaN;
  for (let iteration = 1; iteration <= iterations; iteration++) {
    const { inputs, targets } = sampleBatch(trainTokens, batchSize, blockSize);
    optimizer.zeroGrad();
    const loss = crossEntropyLoss(model.forward(inputs), targets, { fromLogits: true });
    loss.backward();
    clipGradNorm(model.parameters(), config.gradClip);
    const learningRate = optimizer.getLearningRate();
    optimizer.step();
    scheduler.step();
    lastLoss = loss.item();
    if (iteration === 1) firstLoss = lastLoss;
    if (iteration % config.logEvery === 0 || iteration === iterations) {
      const now = performance.now();
      const steps = iteration % config.logEvery === 0 ? config.logEvery : iteration % config.logEvery;
      callbacks.onTrainLoss?.(iteration, lastLoss, learningRate, (now - windowStart) / 1000 / steps);
      windowStart = now;
    }
    if (iteration % config.evalEvery === 0 || iteration === iterations) {
      validationLoss = estimateLoss(model, validationTokens, config.evalBatches, batchSize);
      callbacks.onValidationLoss?.(iteration, validationLoss);
      windowStart = performance.now();
    }
  }
  return { model, firstLoss, lastLoss, validationLoss, seconds: (performance.now() - start) / 1000 };
}
