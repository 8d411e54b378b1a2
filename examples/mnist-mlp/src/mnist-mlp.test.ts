import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '@nanograd/layer';
import { trainMnistMlp } from './train';

const outDir = mkdtempSync(join(tmpdir(), 'mnist-mlp-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('mnist-mlp demo (smoke mode)', () => {
  it('trains two short epochs on real MNIST, then writes the model, a checkpoint and the plot', async () => {
    const result = await trainMnistMlp({
      epochs: 2,
      batchSize: 64,
      learningRate: 0.001,
      schedule: 'cosine',
      trainLimit: 3200,
      testLimit: 1000,
      checkpointEvery: 40,
      outDir,
      backend: 'auto',
      resume: false,
      quiet: true,
    });
    expect(result.steps).toBe(100);
    expect(result.epochs).toHaveLength(2);
    // 3200 images twice: a plain MLP already reaches about 90% on the test images.
    expect(result.testAccuracy).toBeGreaterThan(0.85);
    expect(result.epochs[1]?.validation?.accuracy).toBe(result.testAccuracy);
    const { state, metadata } = decodeSafetensors(new Uint8Array(readFileSync(result.files.model)));
    expect(Object.keys(state).sort()).toEqual(['0.bias', '0.weight', '1.bias', '1.weight', '2.bias', '2.weight']);
    expect(state['0.weight']?.shape).toEqual([784, 256]);
    expect(Number(metadata.testAccuracy)).toBe(result.testAccuracy);
    // Checkpoints at steps 40 and 80; the step-100 end is not a multiple of 40.
    expect(readdirSync(result.files.checkpoints)).toEqual(['checkpoint-00000040.json', 'checkpoint-00000080.json']);
    const svg = readFileSync(result.files.plot, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Accuracy per epoch');
    expect((svg.match(/<path /g) ?? []).length).toBe(4);
  });
});
