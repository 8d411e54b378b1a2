import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { mseLoss, tensor, type Tensor } from '@nanograd/autograd';
import { Dense } from '@nanograd/layer';
import { SGD } from '@nanograd/optimizer';
import type { Callback } from '../trainer/callback';
import type { History } from '../trainer/history';
import { Trainer } from '../trainer/trainer';
import { fileCheckpoints, latestCheckpoint } from './file-checkpoints';
import { progressBar } from './progress-bar';

const directory = mkdtempSync(join(tmpdir(), 'nanograd-checkpoints-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function run(callbacks: Callback[], every = 3): Promise<History> {
  const model = new Dense(1, 1);
  const trainer = new Trainer({
    model,
    optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
    loss: (output, target) => mseLoss(output, target),
    callbacks,
    checkpoint: { every, store: fileCheckpoints(directory, { keep: 2 }) },
  });
  const batches: [Tensor, Tensor][] = Array.from({ length: 4 }, (_, i) => [tensor([[i]]), tensor([[2 * i]])]);
  return trainer.fit(batches, { epochs: 2 });
}

describe('Node training helpers', () => {
  it('writes checkpoint files, keeps the newest and reads the latest back', async () => {
    await run([]);
    expect(readdirSync(directory).sort()).toEqual(['checkpoint-00000003.json', 'checkpoint-00000006.json']);
    const latest = await latestCheckpoint(directory);
    expect(latest?.step).toBe(6);
    expect(latest?.epoch).toBe(1);
    expect(latest?.batch).toBe(2);
    expect(await latestCheckpoint(join(directory, 'missing'))).toBeNull();
  });

  it('prints progress lines and epoch summaries on a non-terminal stream', async () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString()));
    await run([progressBar({ stream, logEvery: 2 })], 100);
    expect(text).toMatch(/epoch 1\/2 batch 2\/NaN|epoch 1\/2 batch 2\//);
    expect(text).toMatch(/^epoch 1: loss \d+\.\d{4} \(\d+\.\d s\)$/m);
    expect(text).toMatch(/^epoch 2: loss/m);
  });
});
