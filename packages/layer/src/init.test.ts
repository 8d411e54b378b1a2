import { describe, expect, it } from 'vitest';
import { manualSeed, type Tensor } from '@nanograd/autograd';
import { calculateGain } from './fans';
import { glorotNormal, glorotUniform, heNormal, heUniform, kaimingNormal, kaimingUniform, xavierNormal, xavierUniform } from './init';

function stats(t: Tensor): { mean: number; std: number; maxAbs: number } {
  const data = Array.from(t.data);
  const mean = data.reduce((a, b) => a + b, 0) / data.length;
  const variance = data.reduce((a, b) => a + (b - mean) ** 2, 0) / data.length;
  return { mean, std: Math.sqrt(variance), maxAbs: Math.max(...data.map(Math.abs)) };
}

describe('initialisers', () => {
  it('glorotUniform draws U(-a, a), a = gain·√(6 / (fanIn + fanOut))', () => {
    manualSeed(0);
    const w = glorotUniform([200, 300], { gain: 2, dtype: 'f64' });
    const a = 2 * Math.sqrt(6 / 500);
    const { mean, std, maxAbs } = stats(w);
    expect(maxAbs).toBeLessThanOrEqual(a);
    expect(maxAbs).toBeGreaterThan(0.99 * a);
    expect(Math.abs(mean)).toBeLessThan(0.01 * a);
    expect(std).toBeCloseTo(a / Math.sqrt(3), 2);
  });

  it('glorotNormal has std gain·√(2 / (fanIn + fanOut))', () => {
    manualSeed(1);
    const { std, mean } = stats(glorotNormal([300, 100, 2, 2], { dtype: 'f64' }));
    // fanIn 400, fanOut 1200.
    expect(std / Math.sqrt(2 / 1600)).toBeCloseTo(1, 1);
    expect(Math.abs(mean)).toBeLessThan(0.005);
  });

  it('heUniform bound is gain·√(3 / fanIn), and fanOut mode uses the fan-out', () => {
    manualSeed(2);
    const w = heUniform([64, 16, 3, 3], { dtype: 'f64' });
    const bound = Math.SQRT2 * Math.sqrt(3 / (16 * 9));
    expect(stats(w).maxAbs).toBeLessThanOrEqual(bound);
    expect(stats(w).maxAbs).toBeGreaterThan(0.98 * bound);
    const out = heUniform([64, 16, 3, 3], { dtype: 'f64', mode: 'fanOut', nonlinearity: 'leakyRelu', negativeSlope: 0.2 });
    const outBound = calculateGain('leakyRelu', 0.2) * Math.sqrt(3 / (64 * 9));
    expect(stats(out).maxAbs).toBeLessThanOrEqual(outBound);
    expect(stats(out).maxAbs).toBeGreaterThan(0.98 * outBound);
  });

  it('heNormal has std gain / √fan', () => {
    manualSeed(3);
    const { std } = stats(heNormal([500, 200], { dtype: 'f64', nonlinearity: 'tanh' }));
    expect(std / ((5 / 3) / Math.sqrt(200))).toBeCloseTo(1, 1);
  });

  it('honours dtype, requiresGrad, explicit fans, and the seed', () => {
    manualSeed(4);
    const a = glorotUniform([3, 4], { requiresGrad: true });
    expect(a.dtype).toBe('f32');
    expect(a.requiresGrad).toBe(true);
    expect(a.node).toBeNull();
    expect(glorotUniform([3, 4]).requiresGrad).toBe(false);
    manualSeed(4);
    expect(Array.from(glorotUniform([3, 4]).data)).toEqual(Array.from(a.data));
    const vector = heUniform([1000], { fans: { fanIn: 50, fanOut: 1 }, dtype: 'f64' });
    expect(stats(vector).maxAbs).toBeLessThanOrEqual(Math.sqrt(6 / 50));
  });

  it('rejects shapes without fans', () => {
    expect(() => glorotUniform([5])).toThrow('glorotUniform: a weight needs rank 2 or more to have fans (got shape [5]); pass options.fans');
    expect(() => heNormal([0, 3])).not.toThrow();
    expect(() => heNormal([3, 0])).toThrow(/heNormal: the scale is not finite/);
  });

  it('exports the PyTorch names as aliases', () => {
    expect(xavierUniform).toBe(glorotUniform);
    expect(xavierNormal).toBe(glorotNormal);
    expect(kaimingUniform).toBe(heUniform);
    expect(kaimingNormal).toBe(heNormal);
  });
});
