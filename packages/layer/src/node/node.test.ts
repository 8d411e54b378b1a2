import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, manualSeed, matmul, randn, tensor32, type Tensor } from '@nanograd/autograd';
import { Module } from '../module';
import { encodeSafetensors } from '../safetensors';
import { StateDictError } from '../state-dict-error';
import { loadJson, loadSafetensors, saveJson, saveSafetensors } from './index';

class TinyNet extends Module {
  readonly weight: Tensor;
  readonly offset: Tensor;
  constructor() {
    super('tiny');
    this.weight = this.registerParameter('weight', randn([3, 2], { requiresGrad: true }));
    this.offset = this.registerBuffer('offset', randn([2], { dtype: 'f64' }));
  }
  forward(x: Tensor): Tensor {
    return add(matmul(x, this.weight), this.offset.cast('f32'));
  }
}

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'nanograd-layer-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('@nanograd/layer/node', () => {
  it('saveSafetensors writes the same bytes as encodeSafetensors, and loadSafetensors reads them back', async () => {
    manualSeed(11);
    const model = new TinyNet();
    const path = join(directory, 'tiny.safetensors');
    await saveSafetensors(model, path, { metadata: { epoch: '2' } });
    expect([...(await readFile(path))]).toEqual([...encodeSafetensors(model.stateDict(), { metadata: { epoch: '2' } })]);
    const { state, metadata } = await loadSafetensors(path);
    expect(metadata).toEqual({ epoch: '2' });
    expect(Object.keys(state)).toEqual(['weight', 'offset']);
    expect(state.weight?.toList()).toEqual(model.weight.toList());
    expect(state.offset?.dtype).toBe('f64');

    const copy = new TinyNet();
    copy.loadStateDict(state);
    const input = randn([2, 3]);
    expect(copy.forward(input).toList()).toEqual(model.forward(input).toList());
  });

  it('saveSafetensors also takes a plain state', async () => {
    const path = join(directory, 'state.safetensors');
    await saveSafetensors({ w: tensor32([1, 2], [2]) }, path);
    expect((await loadSafetensors(path)).state.w?.toList()).toEqual([1, 2]);
    await expect(loadSafetensors(path, { maxHeaderBytes: 8 })).rejects.toThrow('decodeSafetensors: header length');
  });

  it('saveJson and loadJson round-trip a model exactly', async () => {
    manualSeed(12);
    const model = new TinyNet();
    const path = join(directory, 'tiny.json');
    await saveJson(model, path);
    const copy = new TinyNet();
    await loadJson(copy, path);
    const input = randn([2, 3]);
    expect(copy.forward(input).toList()).toEqual(model.forward(input).toList());
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveProperty('offset.dtype', 'f64');
  });

  it('loadJson reports invalid JSON and missing keys', async () => {
    const broken = join(directory, 'broken.json');
    await writeFile(broken, '{"weight":');
    await expect(loadJson(new TinyNet(), broken)).rejects.toThrow(StateDictError);
    await expect(loadJson(new TinyNet(), broken)).rejects.toThrow(`loadJson: ${broken} is not valid JSON`);
    const partial = join(directory, 'partial.json');
    await saveJson({ weight: randn([3, 2]) }, partial);
    await expect(loadJson(new TinyNet(), partial)).rejects.toThrow('loadStateDict: missing keys offset');
    await expect(loadJson(new TinyNet(), partial, { strict: false })).resolves.toBeUndefined();
  });
});
