import { describe, expect, it } from 'vitest';
import { argmax, assign, crossEntropyLoss, DTypeError, manualSeed, matmul, noGrad, randn, reshape, ShapeError, tensor, transpose, type Tensor } from '@nanograd/autograd';
import { GPT } from './gpt';
import { checkGradients } from './internal/check-gradients';

const tiny = { vocabSize: 5, blockSize: 4, embedDim: 8, numHeads: 2, numLayers: 1 } as const;

function ids(values: number[] | number[][]): Tensor {
  return tensor(values, { dtype: 'i32' });
}

describe('GPT', () => {
  it('maps (B, T) and (T) token ids to logits over the vocabulary', () => {
    manualSeed(30);
    const model = new GPT(tiny);
    expect(model.forward(ids([[0, 1, 2], [4, 3, 2]])).shape).toEqual([2, 3, 5]);
    expect(model.forward(ids([1, 2, 3, 4])).shape).toEqual([4, 5]);
    expect(model.namedChildren().map(([name]) => name)).toEqual(['tokenEmbedding', 'positionEmbedding', 'blocks', 'finalNorm', 'head']);
    const block = 2 * 16 + 4 * 72 + (8 * 32 + 32) + (32 * 8 + 8);
    expect(model.parameterCount()).toBe(5 * 8 + 4 * 8 + block + 16 + 8 * 5);
    // Batched and unbatched agree row by row.
    const batched = model.forward(ids([[4, 3, 2]])).toList() as number[][][];
    const single = model.forward(ids([4, 3, 2])).toList() as number[][];
    single.forEach((row, t) => row.forEach((value, v) => expect(value).toBeCloseTo(batched[0]![t]![v]!, 5)));
  });

  it('initialises like GPT-2: std 0.02, scaled residual projections, zero biases', () => {
    manualSeed(31);
    const model = new GPT({ vocabSize: 64, blockSize: 32, embedDim: 32, numHeads: 2, numLayers: 2 });
    const std = (t: Tensor): number => {
      const values = Array.from(t.data);
      const mean = values.reduce((a, b) => a + b) / values.length;
      return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    };
    const parameters = Object.fromEntries(model.namedParameters());
    expect(std(parameters['tokenEmbedding.weight']!)).toBeCloseTo(0.02, 2);
    expect(std(parameters['blocks.0.attention.query.weight']!)).toBeCloseTo(0.02, 2);
    expect(std(parameters['head.weight']!)).toBeCloseTo(0.02, 2);
    expect(std(parameters['blocks.1.attention.output.weight']!)).toBeCloseTo(0.01, 2);
    expect(std(parameters['blocks.1.mlp.2.weight']!)).toBeCloseTo(0.01, 2);
    expect(Array.from(parameters['blocks.0.mlp.0.bias']!.data).every((value) => value === 0)).toBe(true);
    expect(Array.from(parameters['finalNorm.weight']!.data).every((value) => value === 1)).toBe(true);
  });

  it('passes a float64 finite-difference check of every parameter gradient (tiny model)', () => {
    manualSeed(32);
    const model = new GPT({ ...tiny, dtype: 'f64' });
    for (const parameter of model.parameters()) assign(parameter, randn(parameter.shape, { dtype: 'f64' }).mul(0.5));
    const indices = ids([[0, 3, 1, 3], [4, 2, 2, 0]]);
    checkGradients(() => model.forward(indices), model.parameters());
  });

  it('ties the head to the token embedding on request', () => {
    manualSeed(33);
    const model = new GPT({ ...tiny, tieWeights: true, dtype: 'f64' });
    expect(model.head).toBeNull();
    const hidden = model.finalNorm.forward(model.blocks.forward(model.tokenEmbedding.forward(ids([1, 2])).add(model.positionEmbedding.forward(ids([0, 1])))));
    const expected = matmul(hidden, transpose(model.tokenEmbedding.weight, 0, 1)).data;
    model.forward(ids([1, 2])).data.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
    expect(new GPT(tiny).parameterCount() - model.parameterCount()).toBe(8 * 5);
  });

  it('rejects too-long, badly shaped and non-integer inputs, naming the model and shapes', () => {
    const model = new GPT({ ...tiny, name: 'small' });
    expect(() => model.forward(ids([[0, 1, 2, 3, 4]]))).toThrow(ShapeError);
    expect(() => model.forward(ids([[0, 1, 2, 3, 4]]))).toThrow("GPT 'small': sequence length 5 of indices 1x5 must be in [1, blockSize 4]");
    expect(() => model.forward(ids([[[0]]] as unknown as number[][]))).toThrow("GPT 'small': indices 1x1x1 must be (B, T) or (T)");
    expect(() => model.forward(tensor([0, 1]))).toThrow(DTypeError);
    expect(() => model.forward(tensor([0, 1]))).toThrow("GPT 'small': indices must be i32 token ids (got f32 2)");
    expect(() => model.forward(ids([0, 7]))).toThrow(/tokenEmbedding.*index 7/);
    expect(() => new GPT({ ...tiny, embedDim: 9 })).toThrow(ShapeError);
    expect(() => new GPT({ ...tiny, numLayers: 0 })).toThrow("GPT 'gpt': numLayers must be a positive integer (got 0)");
  });

  describe('generate', () => {
    it('appends maxNewTokens ids and is reproducible with a seed', () => {
      manualSeed(34);
      const model = new GPT(tiny);
      const first = model.generate([1, 2], { maxNewTokens: 7, seed: 5 });
      expect(first.length).toBe(9);
      expect(first.slice(0, 2)).toEqual([1, 2]);
      expect(first.every((token) => Number.isInteger(token) && token >= 0 && token < 5)).toBe(true);
      expect(model.generate(ids([1, 2]), { maxNewTokens: 7, seed: 5 })).toEqual(first);
      expect(model.generate(ids([[1, 2]]), { maxNewTokens: 7, seed: 5 })).toEqual(first);
      expect(model.generate(new Int32Array([1, 2]), { maxNewTokens: 7, seed: 5 })).toEqual(first);
      const others = [6, 7, 8, 9].map((seed) => model.generate([1, 2], { maxNewTokens: 7, seed }));
      expect(others.some((tokens) => tokens.join() !== first.join())).toBe(true);
      manualSeed(1);
      const unseeded = model.generate([0], { maxNewTokens: 5 });
      manualSeed(1);
      expect(model.generate([0], { maxNewTokens: 5 })).toEqual(unseeded);
      expect(model.generate([3], { maxNewTokens: 0 })).toEqual([3]);
    });

    it('with temperature 0 follows the arg-max chain, cropping the context to blockSize', () => {
      manualSeed(35);
      const model = new GPT({ ...tiny, dropout: 0.5 });
      const expected = [3, 1, 4];
      noGrad(() => {
        model.eval();
        for (let step = 0; step < 6; step++) {
          const logits = model.forward(ids(expected.slice(-4)));
          expected.push(argmax(logits, { axis: -1 }).data.at(-1)!);
        }
        model.train();
      });
      expect(model.generate([3, 1, 4], { maxNewTokens: 6, temperature: 0 })).toEqual(expected);
      expect(model.generate([3, 1, 4], { maxNewTokens: 6, topK: 1, seed: 3 })).toEqual(expected);
      // Generation switches dropout off and restores training mode afterwards.
      expect(model.training).toBe(true);
      expect(model.parameters().every((parameter) => parameter.grad === null)).toBe(true);
    });

    it('samples only among the top-k tokens', () => {
      manualSeed(36);
      const model = new GPT(tiny);
      const logits = model.forward(ids([0])).data;
      const ranked = Array.from(logits).map((value, token) => [value, token] as const).sort((a, b) => b[0] - a[0]);
      const allowed = new Set(ranked.slice(0, 2).map(([, token]) => token));
      for (let seed = 0; seed < 20; seed++) {
        const [, next] = model.generate([0], { maxNewTokens: 1, topK: 2, temperature: 5, seed });
        expect(allowed.has(next!)).toBe(true);
      }
    });

    it('rejects bad prompts and options', () => {
      const model = new GPT({ ...tiny, name: 'small' });
      expect(() => model.generate([], { maxNewTokens: 1 })).toThrow(ShapeError);
      expect(() => model.generate([0, 5], { maxNewTokens: 1 })).toThrow("GPT 'small'.generate: prompt token 5 at position 1 is outside [0, 5)");
      expect(() => model.generate(ids([[0], [1]]), { maxNewTokens: 1 })).toThrow(/prompt 2x1 must be one non-empty sequence/);
      expect(() => model.generate([0], { maxNewTokens: -1 })).toThrow(RangeError);
      expect(() => model.generate([0], { maxNewTokens: 1, temperature: -1 })).toThrow(RangeError);
      expect(() => model.generate([0], { maxNewTokens: 1, topK: 0 })).toThrow(RangeError);
    });
  });

  it('overfits a repeated "abc" sequence with a few Adam steps written here', () => {
    manualSeed(37);
    const model = new GPT({ vocabSize: 3, blockSize: 8, embedDim: 16, numHeads: 2, numLayers: 1 });
    const text = Array.from({ length: 40 }, (_, i) => i % 3);
    const starts = [0, 1, 2, 5, 9, 13, 20, 27];
    const inputs = ids(starts.map((start) => text.slice(start, start + 8)));
    const targets = ids(starts.map((start) => text.slice(start + 1, start + 9)));
    const parameters = model.parameters();
    const moments = parameters.map((parameter) => [new Float64Array(parameter.size), new Float64Array(parameter.size)] as const);
    const [rate, beta1, beta2] = [0.01, 0.9, 0.999];
    const loss = (): Tensor => crossEntropyLoss(reshape(model.forward(inputs), [-1, 3]), reshape(targets, [-1]), { fromLogits: true });
    const initial = noGrad(() => loss().item());
    let final = initial;
    for (let step = 1; step <= 60; step++) {
      model.zeroGrad();
      const value = loss();
      value.backward();
      final = value.item();
      parameters.forEach((parameter, index) => {
        const [first, second] = moments[index]!;
        const data = parameter.data;
        const grad = parameter.grad!.data;
        for (let i = 0; i < data.length; i++) {
          first[i] = beta1 * first[i]! + (1 - beta1) * grad[i]!;
          second[i] = beta2 * second[i]! + (1 - beta2) * grad[i]! ** 2;
          data[i] = data[i]! - (rate * (first[i]! / (1 - beta1 ** step))) / (Math.sqrt(second[i]! / (1 - beta2 ** step)) + 1e-8);
        }
      });
    }
    expect(initial).toBeGreaterThan(1);
    expect(final).toBeLessThan(0.05);
    expect(model.generate([0], { maxNewTokens: 9, temperature: 0 })).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
  });
});
