import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualSeed, randn, tensor } from '@nanograd/autograd';
import { ReLU } from './activations';
import { BatchNorm2d } from './batch-norm';
import { Conv2d } from './conv2d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GlobalAvgPool2d } from './pooling';
import { Residual } from './residual';
import { Sequential } from './sequential';
import { formatLayer, formatSummary, printLayer, summary, summaryRows } from './summary';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('summary', () => {
  it('counts 101,770 parameters for the 784-128-10 MLP', () => {
    const model = new Sequential([new Dense(784, 128, { activation: 'relu' }), new Dense(128, 10)], { name: 'mlp' });
    const rows = summaryRows(model, { inputShape: [1, 784] });
    expect(rows.map((row) => [row.path, row.type, row.outputShape, row.parameters])).toEqual([
      ['0', 'Dense', [1, 128], 784 * 128 + 128],
      ['1', 'Dense', [1, 10], 128 * 10 + 10],
    ]);
    const text = formatSummary(model, { inputShape: [1, 784] });
    expect(text).toContain('Total parameters: 101,770');
    expect(text.split('\n')[0]).toBe('Model: mlp (Sequential)');
    expect(text).toMatch(/0: dense\s+Dense\s+\[1, 128\]\s+100,480/);
    expect(text).toMatch(/1: dense\s+Dense\s+\[1, 10\]\s+1,290/);
  });

  it('counts 109,386 parameters for the 784-128-64-10 MLP and prints the table', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const model = new Sequential([new Dense(784, 128, { activation: 'relu' }), new Dense(128, 64, { activation: 'relu' }), new Dense(64, 10)]);
    const text = summary(model);
    expect(log).toHaveBeenCalledWith(text);
    expect(text).toContain('Total parameters: 109,386');
    expect(text).toContain('Trainable parameters: 109,386');
    expect(summaryRows(model).reduce((total, row) => total + row.parameters, 0)).toBe(109386);
    // Without an example input the shapes are unknown.
    expect(summaryRows(model).every((row) => row.outputShape === null)).toBe(true);
    expect(text).toMatch(/0: dense\s+Dense\s+\?\s+100,480/);
  });

  it('lists nested modules with output shapes without changing modes or running statistics', () => {
    manualSeed(0);
    const body = new Sequential([new Conv2d(4, 4, 3, { padding: 1 }), new BatchNorm2d(4), new ReLU()]);
    const model = new Sequential([new Conv2d(1, 4, 3), new Residual(body), new Dropout(0.5), new GlobalAvgPool2d(), new Dense(4, 3)]);
    const rows = summaryRows(model, { inputShape: [2, 1, 6, 6] });
    expect(rows.map((row) => [row.path, row.depth, row.outputShape])).toEqual([
      ['0', 0, [2, 4, 4, 4]],
      ['1', 0, [2, 4, 4, 4]],
      ['1.body', 1, [2, 4, 4, 4]],
      ['1.body.0', 2, [2, 4, 4, 4]],
      ['1.body.1', 2, [2, 4, 4, 4]],
      ['1.body.2', 2, [2, 4, 4, 4]],
      ['2', 0, [2, 4, 4, 4]],
      ['3', 0, [2, 4]],
      ['4', 0, [2, 3]],
    ]);
    const batchNorm = body.layers[1] as BatchNorm2d;
    expect(Array.from(batchNorm.runningMean.data)).toEqual([0, 0, 0, 0]);
    expect(model.namedModules().every(([, module]) => module.training)).toBe(true);
    expect(Object.hasOwn(batchNorm, 'forward')).toBe(false);
    expect(formatSummary(model, { inputShape: [2, 1, 6, 6] })).toContain('Buffer values (not trained): 8');
    expect(rows.reduce((total, row) => total + row.parameters, 0)).toBe(model.parameterCount());
  });

  it('lists a shared layer once and restores hooks after a failing forward', () => {
    const shared = new Dense(3, 3);
    const model = new Sequential([shared, new ReLU(), shared]);
    expect(summaryRows(model).map((row) => row.path)).toEqual(['0', '1']);
    expect(formatSummary(model)).toContain('Total parameters: 12');
    expect(() => formatSummary(model, { inputShape: [1, 5] })).toThrow(/^Dense 'dense': expected input/);
    expect(Object.hasOwn(shared, 'forward')).toBe(false);
  });

  it('accepts an explicit example input and summarises a childless layer as one row', () => {
    const rows = summaryRows(new Flatten(), { input: tensor([[[1, 2], [3, 4]]]) });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outputShape).toEqual([1, 4]);
    expect(formatSummary(new Dense(2, 2), { input: randn([5, 2]) })).toMatch(/dense\s+Dense\s+\[5, 2\]\s+6/);
  });
});

describe('printLayer', () => {
  it('describes a layer by name, type, sizes, activation and parameter shapes, not values', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const text = printLayer(new Dense(784, 128, { activation: 'relu', name: 'hidden' }));
    expect(log).toHaveBeenCalledWith(text);
    expect(text).toBe(
      [
        "Dense 'hidden'",
        '  mode: training',
        '  input size: 784',
        '  output size: 128',
        '  activation: relu',
        '  parameters: 100,480',
        '    weight [784, 128] f32',
        '    bias [128] f32',
      ].join('\n'),
    );
  });

  it('shows buffers and children', () => {
    expect(formatLayer(new BatchNorm2d(8).eval())).toContain('  mode: evaluation\n  input size: 8\n  output size: 8\n  parameters: 16\n    weight [8] f32\n    bias [8] f32\n  buffers:\n    runningMean [8] f32\n    runningVar [8] f32');
    const model = new Sequential([new Dense(2, 2), new ReLU()], { name: 'tiny' });
    expect(formatLayer(model)).toContain('  children: 0: dense (Dense), 1: relu (ReLU)');
    expect(formatLayer(model)).toContain('    0.weight [2, 2] f32');
  });
});
