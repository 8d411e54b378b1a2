// A 2-8-1 tanh network fitted to y = sin(x₁)·cos(x₂) on [-2, 2]² with mini-batch SGD, momentum and a cosine-annealed rate.
import { cos, indexSelect, manualSeed, mseLoss, mul, narrow, noGrad, rand, sin, sub, type Tensor } from '@nanograd/autograd';
import { Dense, Sequential, Tanh } from '@nanograd/layer';
import { CosineAnnealingLR, SGD } from '@nanograd/optimizer';

/** Inputs `(n, 2)` and targets `(n, 1)`. */
export interface Samples {
  readonly inputs: Tensor;
  readonly targets: Tensor;
}

/** The function the network learns. */
export function target(inputs: Tensor): Tensor {
  return mul(sin(narrow(inputs, 1, 0, 1)), cos(narrow(inputs, 1, 1, 1)));
}

/** `count` points drawn uniformly from [-2, 2]² with their targets (no noise, so the test MSE measures the fit). */
export function makeSamples(count: number): Samples {
  const inputs = sub(mul(rand([count, 2]), 4), 2);
  return { inputs, targets: target(inputs) };
}

/** The 2-8-1 network: Dense(2, 8, tanh) → Dense(8, 1). */
export function makeModel(): Sequential {
  return new Sequential([new Dense(2, 8, { activation: new Tanh() }), new Dense(8, 1)]);
}

/** Options of {@link fit}. */
export interface FitOptions {
  readonly epochs: number;
  readonly trainSize?: number;
  readonly testSize?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly momentum?: number;
  readonly seed?: number;
  /** Called every `logEvery` epochs (and after the last) with the full training-set MSE. */
  readonly onEpoch?: (epoch: number, trainMse: number) => void;
  readonly logEvery?: number;
}

/** What {@link fit} returns. */
export interface FitResult {
  readonly model: Sequential;
  readonly initialTrainMse: number;
  readonly trainMse: number;
  readonly testMse: number;
}

/** A random permutation of 0…n−1 (Fisher–Yates on autograd's seeded generator). */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const uniforms = rand([n], { dtype: 'f64' }).data;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor((uniforms[i] as number) * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

const evaluate = (model: Sequential, samples: Samples): number =>
  noGrad(() => mseLoss(model.forward(samples.inputs), samples.targets).item());

/** Generates the data, trains the network with SGD + momentum (rate cosine-annealed to 0) and reports train and test MSE. */
export function fit(options: FitOptions): FitResult {
  const { epochs, trainSize = 512, testSize = 256, batchSize = 32, learningRate = 0.05, momentum = 0.9, seed = 0, logEvery = 100 } = options;
  manualSeed(seed);
  const train = makeSamples(trainSize);
  const test = makeSamples(testSize);
  const model = makeModel();
  const optimizer = new SGD(model.parameters(), { learningRate, momentum });
  // Annealing the rate per epoch removes the late jitter of constant-rate SGD.
  const scheduler = new CosineAnnealingLR(optimizer, { totalSteps: epochs });
  const initialTrainMse = evaluate(model, train);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = shuffled(trainSize);
    for (let first = 0; first < trainSize; first += batchSize) {
      const batch = order.slice(first, first + batchSize);
      const inputs = indexSelect(train.inputs, 0, batch);
      const targets = indexSelect(train.targets, 0, batch);
      optimizer.zeroGrad();
      mseLoss(model.forward(inputs), targets).backward();
      optimizer.step();
    }
    scheduler.step();
    if (epoch % logEvery === 0 || epoch === epochs) options.onEpoch?.(epoch, evaluate(model, train));
  }
  return { model, initialTrainMse, trainMse: evaluate(model, train), testMse: evaluate(model, test) };
}
