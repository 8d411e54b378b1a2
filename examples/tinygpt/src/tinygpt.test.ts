import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualSeed } from '@nanograd/autograd';
import { CharTokenizer } from '@nanograd/data';
import { loadTinyShakespeare } from '@nanograd/data/node';
import { decodeSafetensors, saveState } from '@nanograd/layer';
import { dataDirectory as findDataDir } from '@nanograd-examples/shared';
import { DEFAULT_CONFIG, sampleBatch, splitTokens, train } from './tinygpt';

// The real corpus when the data directory holds it; otherwise a few lines, so the test never downloads.
async function loadText(): Promise<string> {
  const dataDir = findDataDir();
  if (dataDir !== undefined && existsSync(join(dataDir, 'tinyshakespeare', 'input.txt'))) {
    return (await loadTinyShakespeare({ dataDir })).text.slice(0, 20_000);
  }
  return 'First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n'.repeat(40);
}

describe('tinygpt example (smoke)', () => {
  it('takes the data directory from NANOGRAD_DATA first', () => {
    const saved = process.env['NANOGRAD_DATA'];
    process.env['NANOGRAD_DATA'] = '/tmp/nanograd-data-test';
    try {
      expect(findDataDir()).toBe('/tmp/nanograd-data-test');
    } finally {
      if (saved === undefined) delete process.env['NANOGRAD_DATA'];
      else process.env['NANOGRAD_DATA'] = saved;
    }
  });

  it('splits 90/10 and samples next-character targets', () => {
    const tokens = Int32Array.from({ length: 100 }, (_, i) => i);
    const { train: head, validation } = splitTokens(tokens);
    expect([head.length, validation.length, validation[0]]).toEqual([90, 10, 90]);
    manualSeed(0);
    const { inputs, targets } = sampleBatch(head, 4, 8);
    expect(inputs.shape).toEqual([4, 8]);
    const x = inputs.toList() as number[][];
    const y = targets.toList() as number[][];
    x.forEach((row, r) => row.forEach((token, t) => expect(y[r]?.[t]).toBe(token + 1)));
  });

  it('starts near ln(vocabulary) and lowers the loss in a few AdamW steps', async () => {
    const text = await loadText();
    const tokenizer = CharTokenizer.fromText(text);
    const { train: trainTokens, validation } = splitTokens(tokenizer.encode(text));
    manualSeed(1337);
    const config = { ...DEFAULT_CONFIG, iterations: 8, batchSize: 8, warmupSteps: 2, logEvery: 1, evalEvery: 8, evalBatches: 2 };
    const losses: number[] = [];
    const { model, firstLoss, lastLoss, validationLoss } = train(tokenizer.vocabSize, trainTokens, validation, config, { onTrainLoss: (_, loss) => losses.push(loss) });
    expect(losses).toHaveLength(8);
    expect(firstLoss).toBeCloseTo(Math.log(tokenizer.vocabSize), 0);
    expect(lastLoss).toBeLessThan(firstLoss - 0.1);
    expect(Number.isFinite(validationLoss)).toBe(true);
    const sample = model.generate([0], { maxNewTokens: 10, seed: 0 });
    expect(sample).toHaveLength(11);
    expect(tokenizer.decode(sample)).toHaveLength(11);
    const decoded = decodeSafetensors(saveState(model));
    expect(Object.keys(decoded.state)).toContain('tokenEmbedding.weight');
  });
});
