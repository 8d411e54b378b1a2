import { describe, expect, it } from 'vitest';
import { add, assign, gradients, manualSeed, narrow, randn, ShapeError, sum } from '@nanograd/autograd';
import { Block } from './block';
import { checkGradients } from './internal/check-gradients';

/** Spreads every parameter away from its initial value so the check exercises non-trivial norms and biases. */
function randomize(block: Block): void {
  for (const parameter of block.parameters()) assign(parameter, randn(parameter.shape, { dtype: 'f64' }).mul(0.5));
}

describe('Block', () => {
  it('is x + attention(ln1(x)) followed by + mlp(ln2(x)), with a 4x GELU MLP', () => {
    manualSeed(20);
    const block = new Block(8, 2, { dtype: 'f64' });
    randomize(block);
    const x = randn([2, 3, 8], { dtype: 'f64' });
    const first = add(x, block.attention.forward(block.ln1.forward(x)));
    const expected = add(first, block.mlp.forward(block.ln2.forward(first)));
    const out = block.forward(x);
    expect(out.shape).toEqual([2, 3, 8]);
    const actual = out.data;
    expected.data.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 12));
    expect(block.namedChildren().map(([name]) => name)).toEqual(['ln1', 'attention', 'ln2', 'mlp']);
    expect(block.mlp.namedChildren().map(([, child]) => [child.inputSize, child.outputSize, child.activation])).toEqual([
      [8, 32, null], [null, null, 'gelu'], [32, 8, null],
    ]);
    // 2 layer norms + 4 projections + MLP.
    expect(block.parameterCount()).toBe(2 * 16 + 4 * (64 + 8) + (8 * 32 + 32) + (32 * 8 + 8));
    expect(new Block(8, 2, { mlpRatio: 2 }).parameterCount()).toBe(2 * 16 + 4 * 72 + (8 * 16 + 16) + (16 * 8 + 8));
  });

  for (const causal of [true, false]) {
    it(`passes a float64 finite-difference check of all gradients (causal ${causal})`, () => {
      manualSeed(21);
      const block = new Block(4, 2, { causal, dtype: 'f64' });
      randomize(block);
      const x = randn([2, 3, 4], { dtype: 'f64', requiresGrad: true });
      checkGradients(() => block.forward(x), [...block.parameters(), x]);
    });
  }

  it('is causal by default: no gradient from later positions', () => {
    manualSeed(22);
    const block = new Block(4, 2, { dtype: 'f64' });
    const x = randn([4, 4], { dtype: 'f64', requiresGrad: true });
    const [grad] = gradients(sum(narrow(block.forward(x), 0, 1, 1)), [x]);
    const rows = grad!.toList() as number[][];
    expect(rows.slice(2).flat().every((value) => value === 0)).toBe(true);
    expect(rows.slice(0, 2).flat().some((value) => value !== 0)).toBe(true);
    expect(block.attention.causal).toBe(true);
    expect(new Block(4, 2, { causal: false }).attention.causal).toBe(false);
  });

  it('rejects wrong inputs and options, naming the block and shapes', () => {
    const block = new Block(8, 2, { name: 'block3' });
    expect(() => block.forward(randn([2, 3, 4]))).toThrow(ShapeError);
    expect(() => block.forward(randn([2, 3, 4]))).toThrow("Block 'block3': input 2x3x4 must be (B, T, 8) or (T, 8)");
    expect(() => new Block(6, 4)).toThrow(ShapeError);
    expect(() => new Block(8, 2, { mlpRatio: 0 })).toThrow(RangeError);
    expect(() => new Block(0, 2, { name: 'b' })).toThrow("Block 'b': embedDim must be a positive integer (got 0)");
    expect(() => new Block(8, 2, { dropout: -0.1 })).toThrow(RangeError);
  });

  it('drops out only in training mode', () => {
    manualSeed(23);
    const block = new Block(8, 2, { dropout: 0.5 });
    const x = randn([5, 8]);
    const evaluated = block.eval().forward(x).toList();
    expect(block.forward(x).toList()).toEqual(evaluated);
    expect(block.train().forward(x).toList()).not.toEqual(evaluated);
  });
});
