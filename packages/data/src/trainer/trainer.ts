// fit / evaluate for any model and optimizer with the usual shape; it depends on neither package.
import { getRandomState, noGrad, setRandomState, type Tensor } from '@nanograd/autograd';
import type { BatchInfo, Callback, EpochLogs } from './callback';
import { restoreTensors, saveTensors, type Checkpoint, type CheckpointStore } from './checkpoint';
import type { History } from './history';
import type { Metric } from './accuracy';

/**
 * What a Trainer needs from a model; every `@nanograd/layer` Module fits.
 *
 * @example
 * ```ts
 * import type { TrainableModel } from '@nanograd/data';
 * import { Dense } from '@nanograd/layer';
 * const model: TrainableModel = new Dense(4, 2);
 * ```
 * @category Training
 */
export interface TrainableModel {
  /** Computes the output for a batch. */
  forward(x: Tensor): Tensor;
  /** Switches training (true) or evaluation (false) mode. */
  train(on?: boolean): unknown;
  /** Parameters and buffers by name. */
  stateDict(): Record<string, Tensor>;
  /** Copies a state into the model. */
  loadStateDict(state: Record<string, Tensor>): void;
}

/**
 * What a Trainer needs from an optimizer; every `@nanograd/optimizer` optimizer fits.
 *
 * @example
 * ```ts
 * import type { TrainerOptimizer } from '@nanograd/data';
 * import { Adam } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer: TrainerOptimizer = new Adam([tensor([1], { requiresGrad: true })]);
 * ```
 * @category Training
 */
export interface TrainerOptimizer {
  /** Applies one update from the parameters' gradients. */
  step(): void;
  /** Clears the parameters' gradients. */
  zeroGrad(): void;
  /** The current learning rate. */
  getLearningRate(): number;
  /** The optimizer's state, JSON-serialisable. */
  stateDict(): unknown;
  /** Restores a state from `stateDict()`. */
  loadStateDict(state: unknown): void;
}

/**
 * What a Trainer needs from a learning-rate schedule (stepped once per optimisation step).
 *
 * @example
 * ```ts
 * import type { TrainerScheduler } from '@nanograd/data';
 * import { StepLR, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const scheduler: TrainerScheduler = new StepLR(new SGD([tensor([1], { requiresGrad: true })]), { stepSize: 10 });
 * ```
 * @category Training
 */
export interface TrainerScheduler {
  /** Advances the schedule by one step. */
  step(): void;
  /** The schedule's state. */
  stateDict(): unknown;
  /** Restores a state from `stateDict()`. */
  loadStateDict(state: unknown): void;
}

/**
 * The batches a Trainer iterates: any iterable of `[inputs, targets]`; a `DataLoader` also lets a resumed run
 * replay the interrupted epoch exactly.
 *
 * @example
 * ```ts
 * import type { Batches } from '@nanograd/data';
 * import { tensor } from '@nanograd/autograd';
 * const batches: Batches = [[tensor([[1, 2]]), tensor([0], { dtype: 'i32' })]];
 * ```
 * @category Training
 */
export type Batches = Iterable<[Tensor, Tensor]> & EpochSource;

/**
 * What a `DataLoader` adds to plain batches: the epoch length and per-epoch replay.
 *
 * @example
 * ```ts
 * import type { EpochSource } from '@nanograd/data';
 * const source: EpochSource = { length: 10 };
 * ```
 * @category Training
 */
export interface EpochSource {
  /** Batches per epoch. */
  readonly length?: number;
  /**
   * Iterates epoch `index`, from batch `startBatch`.
   *
   * @param index - The epoch.
   * @param startBatch - The first batch to yield.
   * @returns The batches.
   */
  epoch?(index: number, startBatch?: number): Iterable<[Tensor, Tensor]>;
}

/**
 * Options of the {@link Trainer} constructor.
 *
 * @example
 * ```ts
 * import type { TrainerOptions } from '@nanograd/data';
 * type Keys = keyof TrainerOptions; // 'model' | 'optimizer' | 'loss' | …
 * ```
 * @category Training
 */
export interface TrainerOptions {
  /** The model to train. */
  readonly model: TrainableModel;
  /** Its optimizer. */
  readonly optimizer: TrainerOptimizer;
  /** The loss of a batch: a one-element tensor. */
  readonly loss: (output: Tensor, target: Tensor) => Tensor;
  /** A schedule stepped after every optimisation step. */
  readonly scheduler?: TrainerScheduler;
  /** Metrics reported per epoch for training and validation (e.g. `{ accuracy }`). */
  readonly metrics?: Readonly<Record<string, Metric>>;
  /** Callbacks, called in order (e.g. a progress bar). */
  readonly callbacks?: readonly Callback[];
  /** Runs between backward and the optimizer step, e.g. `() => clipGradNorm(params, 1)`. */
  readonly beforeStep?: () => void;
  /** Save a checkpoint every `every` steps into `store`. */
  readonly checkpoint?: CheckpointOptions;
}

/**
 * When and where a Trainer saves checkpoints.
 *
 * @example
 * ```ts
 * import { memoryCheckpoints, type CheckpointOptions } from '@nanograd/data';
 * const options: CheckpointOptions = { every: 100, store: memoryCheckpoints() };
 * ```
 * @category Training
 */
export interface CheckpointOptions {
  /** Save after every `every` optimisation steps. */
  readonly every: number;
  /** Where to put them. */
  readonly store: CheckpointStore;
}

/**
 * Options of {@link Trainer.fit}.
 *
 * @example
 * ```ts
 * import type { FitOptions } from '@nanograd/data';
 * const options: FitOptions = { epochs: 2, maxSteps: 100 };
 * ```
 * @category Training
 */
export interface FitOptions {
  /** Number of epochs (default 1). */
  readonly epochs?: number;
  /** Batches evaluated after every epoch. */
  readonly validation?: Iterable<[Tensor, Tensor]>;
  /** Stop after this many optimisation steps in total. */
  readonly maxSteps?: number;
  /** Continue a run from one of its checkpoints. */
  readonly resumeFrom?: Checkpoint;
}

const batchSizeOf = (target: Tensor): number => (target.rank === 0 ? 1 : (target.shape[0] as number));

/**
 * Trains a model: `fit` runs epochs of forward, loss, backward and optimizer steps with metrics, callbacks,
 * validation and checkpoints; `evaluate` averages the loss and metrics over batches in evaluation mode.
 *
 * @remarks
 * It lives in `@nanograd/data` and sees models and optimizers only through {@link TrainableModel} and
 * {@link TrainerOptimizer}, so it works with `@nanograd/layer` and `@nanograd/optimizer` without depending on
 * them. Resuming from a checkpoint restores the model, optimizer, scheduler, history and position: with a
 * `DataLoader` the continued run takes exactly the steps the uninterrupted one would have.
 *
 * @example
 * ```ts
 * import { Trainer, accuracy } from '@nanograd/data';
 * import { crossEntropyLoss, tensor, type Tensor } from '@nanograd/autograd';
 * import { Dense } from '@nanograd/layer';
 * import { SGD } from '@nanograd/optimizer';
 * const model = new Dense(2, 2);
 * const trainer = new Trainer({
 *   model,
 *   optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
 *   loss: (output, target) => crossEntropyLoss(output, target, { fromLogits: true }),
 *   metrics: { accuracy },
 * });
 * const batches: [Tensor, Tensor][] = [[tensor([[1, 0], [0, 1]]), tensor([0, 1], { dtype: 'i32' })]];
 * const history = await trainer.fit(batches, { epochs: 20 });
 * history.epochs.length; // 20
 * (await trainer.evaluate(batches)).accuracy; // 1
 * ```
 * @category Training
 */
export class Trainer {
  /** The options the trainer was built with. */
  readonly options: TrainerOptions;
  #history: History = { steps: [], epochs: [] };
  #step = 0;

  /**
   * @param options - Model, optimizer, loss and the optional parts.
   * @throws RangeError If `checkpoint.every` is not a positive integer.
   */
  constructor(options: TrainerOptions) {
    const every = options.checkpoint?.every;
    if (every !== undefined && (!Number.isInteger(every) || every <= 0)) {
      throw new RangeError(`Trainer: checkpoint.every must be a positive integer (got ${every})`);
    }
    this.options = options;
  }

  /** The history of the current (or last) run. */
  get history(): History {
    return this.#history;
  }

  /** Optimisation steps taken so far. */
  get step(): number {
    return this.#step;
  }

  /**
   * Trains for `epochs` epochs (or until `maxSteps`), evaluating on `validation` after each epoch.
   *
   * @param batches - Training batches; a `DataLoader` gives a fresh order every epoch.
   * @param options - Epochs, validation set, step limit and an optional checkpoint to resume from.
   * @returns The history: each step's loss and learning rate, and each epoch's averages.
   */
  async fit(batches: Batches, options: FitOptions = {}): Promise<History> {
    const { model, optimizer, scheduler, callbacks = [] } = this.options;
    const epochs = options.epochs ?? 1;
    const maxSteps = options.maxSteps ?? Infinity;
    let startEpoch = 0;
    let startBatch = 0;
    let totals: Record<string, number> = {};
    this.#history = { steps: [], epochs: [] };
    this.#step = 0;
    if (options.resumeFrom) {
      const checkpoint = options.resumeFrom;
      model.loadStateDict(restoreTensors(checkpoint.model));
      optimizer.loadStateDict(structuredClone(checkpoint.optimizer));
      if (scheduler && checkpoint.scheduler !== undefined) scheduler.loadStateDict(structuredClone(checkpoint.scheduler));
      setRandomState(checkpoint.random);
      this.#history = structuredClone(checkpoint.history);
      this.#step = checkpoint.step;
      [startEpoch, startBatch, totals] = [checkpoint.epoch, checkpoint.batch, { ...checkpoint.epochTotals }];
    }
    const count = batches.length ?? NaN;
    for (const callback of callbacks) await callback.onTrainBegin?.({ epochs, batches: count, step: this.#step });
    for (let epoch = startEpoch; epoch < epochs && this.#step < maxSteps; epoch++) {
      const started = performance.now();
      const first = epoch === startEpoch ? startBatch : 0;
      if (epoch !== startEpoch) totals = {};
      model.train(true);
      for (const callback of callbacks) await callback.onEpochBegin?.(epoch);
      const iterable = batches.epoch ? batches.epoch(epoch, first) : skip(batches, first);
      let batch = first;
      for (const [inputs, targets] of iterable) {
        const info = this.#trainStep(inputs, targets, epoch, epochs, batch, count, totals);
        // Let the event loop run between steps: finalizers reclaim backend storage, browsers stay responsive.
        await nextTask();
        for (const callback of callbacks) await callback.onBatchEnd?.(info);
        batch++;
        const { checkpoint } = this.options;
        if (checkpoint && this.#step % checkpoint.every === 0) await checkpoint.store.save(this.#checkpoint(epoch, batch, totals));
        if (this.#step >= maxSteps) break;
      }
      const train = averages(totals);
      const logs: EpochLogs = options.validation
        ? { epoch, seconds: 0, train, validation: await this.evaluate(options.validation) }
        : { epoch, seconds: 0, train };
      const finished = { ...logs, seconds: (performance.now() - started) / 1000 };
      this.#history.epochs.push(finished);
      for (const callback of callbacks) await callback.onEpochEnd?.(finished);
    }
    for (const callback of callbacks) await callback.onTrainEnd?.(this.#history);
    return this.#history;
  }

  #trainStep(inputs: Tensor, targets: Tensor, epoch: number, epochs: number, batch: number, batches: number, totals: Record<string, number>): BatchInfo {
    const { model, optimizer, scheduler, loss: lossOf, metrics = {} } = this.options;
    const started = performance.now();
    const learningRate = optimizer.getLearningRate();
    optimizer.zeroGrad();
    const output = model.forward(inputs);
    const loss = lossOf(output, targets);
    loss.backward();
    this.options.beforeStep?.();
    optimizer.step();
    scheduler?.step();
    this.#step++;
    const value = loss.item();
    const size = batchSizeOf(targets);
    accumulate(totals, 'loss', value, size);
    for (const [name, metric] of Object.entries(metrics)) accumulate(totals, name, metric(output, targets), size);
    this.#history.steps.push({ step: this.#step, epoch, loss: value, learningRate });
    const seconds = (performance.now() - started) / 1000;
    return { step: this.#step, epoch, epochs, batch, batches, batchSize: size, loss: value, learningRate, samplesPerSecond: size / Math.max(seconds, 1e-9) };
  }

  #checkpoint(epoch: number, batch: number, totals: Record<string, number>): Checkpoint {
    const { model, optimizer, scheduler } = this.options;
    const base = { version: 1 as const, step: this.#step, epoch, batch, model: saveTensors(model.stateDict()), optimizer: optimizer.stateDict(), random: getRandomState() };
    const rest = { history: structuredClone(this.#history), epochTotals: { ...totals } };
    return scheduler ? { ...base, scheduler: scheduler.stateDict(), ...rest } : { ...base, ...rest };
  }

  /**
   * Averages the loss and metrics over `batches` in evaluation mode, without recording a graph; the model's
   * previous mode is restored. It yields to the event loop between batches, like `fit`.
   *
   * @param batches - `[inputs, targets]` pairs.
   * @returns `{ loss, …metrics }`, weighted by batch size.
   * @throws RangeError If `batches` yields nothing.
   */
  async evaluate(batches: Iterable<[Tensor, Tensor]>): Promise<Record<string, number>> {
    const { model, loss: lossOf, metrics = {} } = this.options;
    const totals: Record<string, number> = {};
    const wasTraining = (model as { training?: boolean }).training ?? true;
    model.train(false);
    try {
      for (const [inputs, targets] of batches) {
        noGrad(() => {
          const output = model.forward(inputs);
          const size = batchSizeOf(targets);
          accumulate(totals, 'loss', lossOf(output, targets).item(), size);
          for (const [name, metric] of Object.entries(metrics)) accumulate(totals, name, metric(output, targets), size);
        });
        await nextTask();
      }
    } finally {
      model.train(wasTraining);
    }
    // An exhausted one-shot iterable (e.g. a generator reused across epochs) must not pass as a silent `{}`.
    if (totals['loss#weight'] === undefined) throw new RangeError('Trainer.evaluate: the batches are empty (a generator can only be iterated once)');
    return averages(totals);
  }
}

/** Adds a batch's value to a running weighted sum (`name` and `name#weight`). */
function accumulate(totals: Record<string, number>, name: string, value: number, weight: number): void {
  totals[name] = (totals[name] ?? 0) + value * weight;
  totals[`${name}#weight`] = (totals[`${name}#weight`] ?? 0) + weight;
}

function averages(totals: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, sum] of Object.entries(totals)) if (!name.endsWith('#weight')) out[name] = sum / (totals[`${name}#weight`] ?? 1);
  return out;
}

/** Resolves on the next macrotask (setImmediate in Node, a MessageChannel message in browsers). */
function nextTask(): Promise<void> {
  const scope = globalThis as { setImmediate?: (callback: () => void) => void };
  if (scope.setImmediate) return new Promise((resolve) => scope.setImmediate?.(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function* skip<T>(items: Iterable<T>, count: number): Generator<T> {
  let index = 0;
  for (const item of items) if (index++ >= count) yield item;
}
