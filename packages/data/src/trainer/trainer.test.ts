import { describe, expect, it } from 'vitest';
import { crossEntropyLoss, manualSeed, mseLoss, randn, tensor, type Tensor } from '@nanograd/autograd';
import { BatchNorm1d, Dense, Dropout, ReLU, Sequential } from '@nanograd/layer';
import { Adam, CosineWarmupLR, SGD } from '@nanograd/optimizer';
import { DataLoader } from '../data-loader';
import { TensorDataset } from '../tensor-dataset';
import { accuracy } from './accuracy';
import type { BatchInfo } from './callback';
import { memoryCheckpoints } from './checkpoint';
import { Trainer } from './trainer';

/** Seeded two-class blobs: class 1 around (+1, +1), class 0 around (-1, -1). */
function blobs(count: number): TensorDataset {
  manualSeed(11);
  const noise = randn([count, 2]).data;
  const inputs = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    const centre = i % 2 === 1 ? 1 : -1;
    inputs[2 * i] = centre + 0.6 * (noise[2 * i] as number);
    inputs[2 * i + 1] = centre + 0.6 * (noise[2 * i + 1] as number);
  }
  return new TensorDataset({ data: inputs, shape: [count, 2], dtype: 'f32' }, { data: labels, shape: [count], dtype: 'i32' });
}

function setup(seed = 3): { trainer: Trainer; model: Sequential; loader: DataLoader; store: ReturnType<typeof memoryCheckpoints> } {
  manualSeed(seed);
  const model = new Sequential([new Dense(2, 8, { activation: new ReLU() }), new BatchNorm1d(8), new Dropout(0.1), new Dense(8, 2)]);
  const optimizer = new Adam(model.parameters(), { learningRate: 0.05 });
  const store = memoryCheckpoints(10);
  const trainer = new Trainer({
    model,
    optimizer,
    scheduler: new CosineWarmupLR(optimizer, { warmupSteps: 3, totalSteps: 40 }),
    loss: (output, target) => crossEntropyLoss(output, target, { fromLogits: true }),
    metrics: { accuracy },
    checkpoint: { every: 7, store },
  });
  const loader = new DataLoader(blobs(120), { batchSize: 16, shuffle: true, seed: 5 });
  return { trainer, model, loader, store };
}

describe('Trainer', () => {
  it('fits, reports metrics and calls callbacks in order', async () => {
    const { trainer, loader } = setup();
    const events: string[] = [];
    const infos: BatchInfo[] = [];
    const options = trainer.options as { callbacks?: unknown };
    Object.assign(options, {
      callbacks: [
        {
          onTrainBegin: () => void events.push('begin'),
          onEpochBegin: (epoch: number) => void events.push(`epoch ${epoch}`),
          onBatchEnd: (info: BatchInfo) => void infos.push(info),
          onEpochEnd: () => void events.push('end epoch'),
          onTrainEnd: () => void events.push('end'),
        },
      ],
    });
    const history = await trainer.fit(loader, { epochs: 3, validation: new DataLoader(blobs(40), { batchSize: 20 }) });
    expect(events).toEqual(['begin', 'epoch 0', 'end epoch', 'epoch 1', 'end epoch', 'epoch 2', 'end epoch', 'end']);
    expect(infos).toHaveLength(24);
    expect(infos.map((info) => info.step)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(infos[0]).toMatchObject({ epoch: 0, epochs: 3, batch: 0, batches: 8, batchSize: 16 });
    expect(infos[7]?.batchSize).toBe(120 - 7 * 16);
    expect(history.steps).toHaveLength(24);
    expect(history.epochs).toHaveLength(3);
    // The warm-up schedule (linear from 0 over 3 steps): step 1 used the rate set at creation, step 4 the peak.
    expect(history.steps.slice(0, 4).map((s) => s.learningRate)).toEqual([0, 0.05 / 3, 0.1 / 3, 0.05].map((v) => expect.closeTo(v, 12)));
    const last = history.epochs[2]!;
    expect(last.train.accuracy).toBeGreaterThan(0.85);
    expect(last.validation?.accuracy).toBeGreaterThan(0.85);
    expect(last.validation?.loss).toBeLessThan(history.epochs[0]!.train.loss!);
  });

  it('weights epoch averages by batch size and evaluates in eval mode, restoring the mode', async () => {
    const model = new Sequential([new Dense(1, 1, { useBias: false })]);
    const trainer = new Trainer({ model, optimizer: new SGD(model.parameters()), loss: (output, target) => mseLoss(output, target) });
    (model.parameters()[0] as Tensor).data.set([0]);
    const batches: [Tensor, Tensor][] = [
      [tensor([[0], [0], [0]]), tensor([[1], [1], [1]])],
      [tensor([[0]]), tensor([[3]])],
    ];
    // Batch losses 1 (3 samples) and 9 (1 sample): the weighted mean is (3·1 + 9) / 4 = 3.
    expect((await trainer.evaluate(batches)).loss).toBe(3);
    expect(model.training).toBe(true);
    model.eval();
    await trainer.evaluate(batches);
    expect(model.training).toBe(false);
    await expect(trainer.evaluate([])).rejects.toThrow('Trainer.evaluate: the batches are empty');
  });

  it('resumes from a checkpoint bit-identically to an uninterrupted run', async () => {
    const full = setup();
    await full.trainer.fit(full.loader, { epochs: 3 });
    const expected = full.model.parameters().map((p) => Array.from(p.data));
    const checkpoints = full.store.all();
    expect(checkpoints.map((c) => c.step)).toEqual([7, 14, 21]);
    // A checkpoint inside epoch 1 (step 14 = batch 6 of epoch 1), through a JSON round trip.
    const saved = JSON.parse(JSON.stringify(checkpoints[1])) as typeof checkpoints[1];
    expect([saved!.epoch, saved!.batch]).toEqual([1, 6]);

    const resumed = setup(99); // different initial weights: everything must come from the checkpoint
    const history = await resumed.trainer.fit(resumed.loader, { epochs: 3, resumeFrom: saved! });
    expect(resumed.model.parameters().map((p) => Array.from(p.data))).toEqual(expected);
    expect(resumed.model.namedBuffers().map(([, b]) => Array.from(b.data))).toEqual(full.model.namedBuffers().map(([, b]) => Array.from(b.data)));
    expect(history.steps.map((s) => s.loss)).toEqual(full.trainer.history.steps.map((s) => s.loss));
    expect(history.epochs.map((e) => e.train)).toEqual(full.trainer.history.epochs.map((e) => e.train));
  });

  it('stops at maxSteps and rejects a bad checkpoint interval', async () => {
    const { trainer, loader } = setup();
    const history = await trainer.fit(loader, { epochs: 5, maxSteps: 10 });
    expect(history.steps).toHaveLength(10);
    expect(trainer.step).toBe(10);
    const model = new Dense(1, 1);
    expect(() => new Trainer({ model, optimizer: new SGD(model.parameters()), loss: mseLoss, checkpoint: { every: 0, store: memoryCheckpoints() } })).toThrow(
      'Trainer: checkpoint.every must be a positive integer (got 0)',
    );
  });
});

describe('accuracy', () => {
  it('compares the arg-max class with index or one-hot targets', () => {
    const output = tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]);
    expect(accuracy(output, tensor([1, 0, 0, 0], { dtype: 'i32' }))).toBe(0.75);
    expect(accuracy(output, tensor([[0, 1], [1, 0], [0, 1], [1, 0]]))).toBe(1);
    expect(() => accuracy(output, tensor([1, 0], { dtype: 'i32' }))).toThrow('accuracy: target 2 does not match output 4x2');
  });
});
