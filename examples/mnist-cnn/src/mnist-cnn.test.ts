import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '@nanograd/layer';
import { trainMnistCnn } from './train';

const outDir = mkdtempSync(join(tmpdir(), 'mnist-cnn-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('mnist-cnn demo (smoke mode)', () => {
  it('trains a few steps on real MNIST, then writes the model, a checkpoint and the plot', async () => {
    const result = await trainMnistCnn({
      epochs: 1,
      batchSize: 64,
      learningRate: 0.003,
      trainLimit: 2560,
      testLimit: 500,
      evaluateEvery: 20,
      checkpointEvery: 20,
      outDir,
      backend: 'auto',
      resume: false,
      quiet: true,
    });
    expect(result.steps).toBe(40);
    expect(result.testAccuracy).toBeGreaterThan(0.7);
    const { state, metadata } = decodeSafetensors(new Uint8Array(readFileSync(result.files.model)));
    expect(Object.keys(state)).toContain('0.weight');
    expect(Number(metadata.testAccuracy)).toBe(result.testAccuracy);
    expect(readdirSync(result.files.checkpoints)).toEqual(['checkpoint-00000020.json', 'checkpoint-00000040.json']);
    const svg = readFileSync(result.files.plot, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Test accuracy');
    expect((svg.match(/<path /g) ?? []).length).toBe(2);
    expect(existsSync(result.files.plot)).toBe(true);
  });
});
