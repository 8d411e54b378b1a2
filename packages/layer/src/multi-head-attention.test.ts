import { describe, expect, it } from 'vitest';
import { assign, gradients, manualSeed, matmul, narrow, randn, ShapeError, sum, type Tensor } from '@nanograd/autograd';
import { checkGradients } from './internal/check-gradients';
import { MultiHeadAttention } from './multi-head-attention';

/** Plain-JS multi-head attention on one (T, C) sequence, from the layer's own weights ([in, out]) and biases. */
function reference(layer: MultiHeadAttention, x: number[][], causal: boolean): number[][] {
  const project = (rows: number[][], weight: Tensor, bias: Tensor | null): number[][] => {
    const w = weight.toList() as number[][];
    const b = (bias?.toList() as number[] | undefined) ?? [];
    return rows.map((row) => w[0]!.map((_, j) => row.reduce((total, v, i) => total + v * w[i]![j]!, b[j] ?? 0)));
  };
  const q = project(x, layer.query.weight, layer.query.bias);
  const k = project(x, layer.key.weight, layer.key.bias);
  const v = project(x, layer.value.weight, layer.value.bias);
  const d = layer.headDim;
  const merged = x.map(() => new Array<number>(layer.embedDim).fill(0));
  for (let h = 0; h < layer.numHeads; h++) {
    for (let t = 0; t < x.length; t++) {
      const scores = x.map((_, s) => {
        if (causal && s > t) return -Infinity;
        let dot = 0;
        for (let i = 0; i < d; i++) dot += q[t]![h * d + i]! * k[s]![h * d + i]!;
        return dot / Math.sqrt(d);
      });
      const top = Math.max(...scores);
      const weights = scores.map((score) => Math.exp(score - top));
      const total = weights.reduce((a, b) => a + b);
      for (let i = 0; i < d; i++) merged[t]![h * d + i] = weights.reduce((acc, w, s) => acc + (w / total) * v[s]![h * d + i]!, 0);
    }
  }
  return project(merged, layer.output.weight, layer.output.bias);
}

function randomizeBiases(layer: MultiHeadAttention): void {
  for (const projection of [layer.query, layer.key, layer.value, layer.output]) {
    if (projection.bias !== null) assign(projection.bias, randn(projection.bias.shape, { dtype: 'f64' }));
  }
}

describe('MultiHeadAttention', () => {
  it('matches a plain multi-head reference, batched and unbatched, causal and not', () => {
    manualSeed(10);
    for (const causal of [false, true]) {
      const layer = new MultiHeadAttention(6, 3, { causal, dtype: 'f64' });
      randomizeBiases(layer);
      const x = randn([2, 4, 6], { dtype: 'f64' });
      const out = layer.forward(x);
      expect(out.shape).toEqual([2, 4, 6]);
      const batches = x.toList() as number[][][];
      batches.forEach((sequence, b) => {
        const expected = reference(layer, sequence, causal);
        const actual = (out.toList() as number[][][])[b]!;
        expected.forEach((row, t) => row.forEach((value, c) => expect(actual[t]![c]).toBeCloseTo(value, 10)));
      });
      const single = layer.forward(narrow(x, 0, 1, 1).reshape([4, 6]));
      expect(single.shape).toEqual([4, 6]);
      expect((single.toList() as number[][])[3]![2]).toBeCloseTo((out.toList() as number[][][])[1]![3]![2]!, 12);
    }
  });

  it('registers four projections, without biases when useBias is false', () => {
    const layer = new MultiHeadAttention(8, 2);
    expect(layer.namedParameters().map(([name]) => name)).toEqual([
      'query.weight', 'query.bias', 'key.weight', 'key.bias', 'value.weight', 'value.bias', 'output.weight', 'output.bias',
    ]);
    expect(new MultiHeadAttention(8, 4, { useBias: false }).parameterCount()).toBe(4 * 64);
    expect([layer.headDim, layer.inputSize, layer.outputSize, layer.name]).toEqual([4, 8, 8, 'multiHeadAttention']);
  });

  for (const causal of [false, true]) {
    it(`passes a float64 finite-difference check of all gradients (causal ${causal})`, () => {
      manualSeed(11);
      const layer = new MultiHeadAttention(4, 2, { causal, dtype: 'f64' });
      randomizeBiases(layer);
      const x = randn([2, 3, 4], { dtype: 'f64', requiresGrad: true });
      checkGradients(() => layer.forward(x), [...layer.parameters(), x]);
    });
  }

  it('with causal, out[:, t] gets exactly zero gradient from x[:, s] for s > t and non-zero for s ≤ t', () => {
    manualSeed(12);
    const steps = 5;
    for (const causal of [true, false]) {
      const layer = new MultiHeadAttention(4, 2, { causal, dtype: 'f64' });
      const x = randn([2, steps, 4], { dtype: 'f64', requiresGrad: true });
      const out = layer.forward(x);
      for (let t = 0; t < steps; t++) {
        const [grad] = gradients(sum(narrow(out, 1, t, 1)), [x]);
        const perPosition = (grad!.toList() as number[][][]).map((batch) => batch.map((row) => Math.max(...row.map(Math.abs))));
        for (const positions of perPosition) {
          positions.forEach((size, s) => {
            if (causal && s > t) expect(size).toBe(0);
            else expect(size).toBeGreaterThan(1e-8);
          });
        }
      }
    }
  });

  it('scores with softmax over keys: constant values give constant outputs', () => {
    manualSeed(13);
    const layer = new MultiHeadAttention(4, 1, { causal: true, dtype: 'f64' });
    const x = randn([3, 4], { dtype: 'f64' });
    // Probabilities along the key axis sum to one, so the output of a zero value projection is its bias.
    assign(layer.value.weight, randn([4, 4], { dtype: 'f64' }).mul(0));
    assign(layer.value.bias!, randn([4], { dtype: 'f64' }));
    const expected = matmul(layer.value.bias!.reshape([1, 4]), layer.output.weight).add(layer.output.bias!);
    const out = layer.forward(x).toList() as number[][];
    const want = (expected.toList() as number[][])[0]!;
    out.forEach((row) => row.forEach((value, c) => expect(value).toBeCloseTo(want[c]!, 12)));
  });

  it('rejects indivisible heads and wrong inputs, naming the layer and shapes', () => {
    expect(() => new MultiHeadAttention(10, 3, { name: 'attn' })).toThrow(ShapeError);
    expect(() => new MultiHeadAttention(10, 3, { name: 'attn' })).toThrow("MultiHeadAttention 'attn': embedDim 10 is not divisible by numHeads 3");
    const layer = new MultiHeadAttention(8, 2, { name: 'attn' });
    expect(() => layer.forward(randn([2, 3, 6]))).toThrow("MultiHeadAttention 'attn': input 2x3x6 must be (B, T, 8) or (T, 8)");
    expect(() => layer.forward(randn([8]))).toThrow(ShapeError);
    expect(() => new MultiHeadAttention(8, 2, { dropout: 1 })).toThrow(RangeError);
  });

  it('applies dropout only in training mode', () => {
    manualSeed(14);
    const layer = new MultiHeadAttention(8, 2, { dropout: 0.5 });
    const x = randn([4, 8]);
    const evaluated = layer.eval().forward(x).toList();
    expect(layer.forward(x).toList()).toEqual(evaluated);
    const trained = (layer.train().forward(x).toList() as number[][]).flat();
    expect(trained.some((value) => value === 0)).toBe(true);
  });
});
