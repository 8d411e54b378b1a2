import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '@nanograd/layer';
import { trainResnetMnist } from './train';

const outDir = mkdtempSync(join(tmpdir(), 'resnet-mnist-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('resnet-mnist demo (smoke mode)', () => {
  it('trains a few dozen steps on real MNIST, then writes the model, a checkpoint and the plot', async () => {
    const result = await trainResnetMnist({
      epochs: 1,
      batchSize: 32,
      learningRate: 0.01,
      trainLimit: 1280,
      testLimit: 500,
      evaluateEvery: 20,
      curveImages: 500,
      checkpointEvery: 40,
      outDir,
      backend: 'auto',
      resume: false,
      quiet: true,
    });
    expect(result.steps).toBe(40);
    // 1280 images once is far from converged (36% measured; the batch-norm running statistics still lag), but
    // clearly above chance (10%).
    expect(result.testAccuracy).toBeGreaterThan(0.25);
    const { state, metadata } = decodeSafetensors(new Uint8Array(readFileSync(result.files.model)));
    // The residual bodies, the projection skip and the batch-norm running statistics are all saved.
    expect(Object.keys(state)).toEqual(expect.arrayContaining(['0.weight', '3.body.0.weight', '4.body.3.weight', '4.projection.0.weight', '4.projection.1.runningMean', '6.weight']));
    expect(Number(metadata.testAccuracy)).toBe(result.testAccuracy);
    expect(readdirSync(result.files.checkpoints)).toEqual(['checkpoint-00000040.json']);
    const svg = readFileSync(result.files.plot, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Test accuracy');
    expect((svg.match(/<path /g) ?? []).length).toBe(2);
  });
});
