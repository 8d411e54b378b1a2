import { describe, expect, it } from 'vitest';
import { assign, manualSeed, noGrad, randn } from '@nanograd/autograd';
import { BatchNorm2d } from './batch-norm';
import { decodeSafetensors, encodeSafetensors, loadState, saveState } from './safetensors';
import { stateDictFromJson, stateDictToJson } from './state-json';

/** A batch-norm layer whose parameters and running statistics are all far from their initial values. */
function trainedBatchNorm(dtype: 'f32' | 'f64'): BatchNorm2d {
  const layer = new BatchNorm2d(3, { dtype });
  noGrad(() => {
    for (let step = 0; step < 3; step++) layer.forward(randn([4, 3, 2, 2], { dtype }).mul(2).add(1));
  });
  assign(layer.weight as NonNullable<typeof layer.weight>, randn([3], { dtype }));
  assign(layer.bias as NonNullable<typeof layer.bias>, randn([3], { dtype }));
  return layer.eval();
}

describe('batch-norm state round trip', () => {
  for (const dtype of ['f32', 'f64'] as const) {
    it(`gives identical eval outputs after safetensors and JSON round trips (${dtype})`, () => {
      manualSeed(21);
      const original = trainedBatchNorm(dtype);
      const input = randn([2, 3, 2, 2], { dtype });
      const expected = original.forward(input).toList();
      expect(new BatchNorm2d(3, { dtype }).eval().forward(input).toList()).not.toEqual(expected);

      const viaSafetensors = new BatchNorm2d(3, { dtype }).eval();
      loadState(viaSafetensors, saveState(original));
      expect(viaSafetensors.forward(input).toList()).toEqual(expected);
      expect(viaSafetensors.runningVar.toList()).toEqual(original.runningVar.toList());

      const viaJson = new BatchNorm2d(3, { dtype }).eval();
      viaJson.loadStateDict(stateDictFromJson(JSON.parse(JSON.stringify(stateDictToJson(original.stateDict())))));
      expect(viaJson.forward(input).toList()).toEqual(expected);

      const keys = Object.keys(decodeSafetensors(encodeSafetensors(original.stateDict())).state);
      expect(keys).toEqual(['weight', 'bias', 'runningMean', 'runningVar']);
    });
  }
});
