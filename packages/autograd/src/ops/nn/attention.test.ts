import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import { sum } from '../reduce/sum';
import { scaledDotProductAttention } from './scaled-dot-product-attention';

/** Attention from the definition, per broadcast batch index; `hidden(i, j)` drops a score, `bias` adds to it. */
function refAttention(q: RefArray, k: RefArray, v: RefArray, options: { causal?: boolean; scale?: number; bias?: RefArray } = {}): RefArray {
  const lq = q.shape[q.shape.length - 2] as number;
  const d = q.shape[q.shape.length - 1] as number;
  const lk = k.shape[k.shape.length - 2] as number;
  const dv = v.shape[v.shape.length - 1] as number;
  const rank = Math.max(q.shape.length, k.shape.length, v.shape.length) - 2;
  const batchOf = (a: RefArray): number[] => [...new Array<number>(rank - (a.shape.length - 2)).fill(1), ...a.shape.slice(0, -2)];
  const batch = Array.from({ length: rank }, (_, axis) => Math.max(batchOf(q)[axis]!, batchOf(k)[axis]!, batchOf(v)[axis]!));
  const at = (a: RefArray, lead: number[], rest: number[]): number => {
    const own = lead.slice(rank - (a.shape.length - 2)).map((index, axis) => (a.shape[axis] === 1 ? 0 : index));
    return refAt(a, [...own, ...rest]);
  };
  const scale = options.scale ?? 1 / Math.sqrt(d);
  return refBuild([...batch, lq, dv], (index) => {
    const lead = index.slice(0, -2);
    const [i, c] = index.slice(-2) as [number, number];
    const scores: number[] = [];
    for (let j = 0; j < lk; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += at(q, lead, [i, t]) * at(k, lead, [j, t]);
      s *= scale;
      if (options.bias !== undefined) s += refAt(options.bias, [i, j]);
      scores.push(options.causal === true && j > i ? -Infinity : s);
    }
    const top = Math.max(...scores);
    const weights = scores.map((s) => Math.exp(s - top));
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.reduce((acc, w, j) => acc + (w / total) * at(v, lead, [j, c]), 0);
  });
}

describeOp('scaledDotProductAttention', {
  fn: (q, k, v) => scaledDotProductAttention(q!, k!, v!),
  reference: (q, k, v) => refAttention(q!, k!, v!),
  samples: [
    { label: 'Lq 2, Lk 3, D 4, Dv 2', inputs: [[2, 4], [3, 4], [3, 2]] },
    { label: 'broadcast batch (2x2x3 with 3x3, 3x2)', inputs: [[2, 2, 3], [3, 3], [3, 2]] },
  ],
  errors: [
    { label: 'feature sizes that differ', inputs: [[2, 4], [3, 5], [3, 2]], message: 'scaledDotProductAttention: q and k feature sizes differ (q 2x4, k 3x5, v 3x2)', type: ShapeError },
    { label: 'sequence lengths that differ', inputs: [[2, 4], [3, 4], [2, 2]], message: 'scaledDotProductAttention: k and v sequence lengths differ', type: ShapeError },
    { label: 'a 1-d query', inputs: [[4], [3, 4], [3, 2]], message: 'scaledDotProductAttention: q, k and v need rank 2 or more', type: ShapeError },
    { label: 'an integer query', inputs: [() => tensor([[1, 2]], { dtype: 'i32' }), [3, 2], [3, 2]], message: 'scaledDotProductAttention: needs float', type: DTypeError },
  ],
});
describeOp('scaledDotProductAttention', {
  fn: (q, k, v) => scaledDotProductAttention(q!, k!, v!, { causal: true, scale: 0.7 }),
  reference: (q, k, v) => refAttention(q!, k!, v!, { causal: true, scale: 0.7 }),
  samples: [{ label: 'causal, scale 0.7, batch 2', inputs: [[2, 3, 2], [2, 3, 2], [2, 3, 2]] }],
});
const bias = tensor64([0, -1, 0.5, 0.2, 0, -0.3], [2, 3]);
describeOp('scaledDotProductAttention', {
  fn: (q, k, v) => scaledDotProductAttention(q!, k!, v!, { mask: bias }),
  reference: (q, k, v) => refAttention(q!, k!, v!, { bias: { shape: [2, 3], data: Float64Array.from(bias.data) } }),
  samples: [{ label: 'additive float mask', inputs: [[2, 2], [3, 2], [3, 2]] }],
});

describe('scaledDotProductAttention', () => {
  it('gives hidden causal positions zero (not NaN) gradient', () => {
    const q = tensor64([0.1, 0.2, 0.3, 0.4], [2, 2], { requiresGrad: true });
    const k = tensor64([1, 0, 0, 1], [2, 2], { requiresGrad: true });
    const v = tensor64([1, 2, 3, 4], [2, 2], { requiresGrad: true });
    const out = scaledDotProductAttention(q, k, v, { causal: true });
    expect(Array.from(out.data).slice(0, 2)).toEqual([1, 2]);
    const grads = gradients(sum(out), [q, k, v]);
    grads.forEach((g) => Array.from(g.data).forEach((value) => expect(Number.isFinite(value)).toBe(true)));
    Array.from(grads[2]!.data).slice(2).forEach((value) => expect(value).toBeCloseTo(refWeight(q, k), 12));
  });

  it('an i32 mask hides the zero entries', () => {
    const q = tensor64([1, 0], [1, 2]);
    const k = tensor64([1, 0, 0, 1], [2, 2]);
    const v = tensor64([1, 2, 3, 4], [2, 2]);
    const mask = tensor([[0, 1]], { dtype: 'i32' });
    expect(scaledDotProductAttention(q, k, v, { mask }).toList()).toEqual([[3, 4]]);
  });
});

/** Weight the second query row gives the second key (the only grad into v's second row). */
function refWeight(q: ReturnType<typeof tensor64>, k: ReturnType<typeof tensor64>): number {
  const s = (i: number, j: number): number => ((q.data[2 * i] as number) * (k.data[2 * j] as number) + (q.data[2 * i + 1] as number) * (k.data[2 * j + 1] as number)) / Math.SQRT2;
  return 1 / (1 + Math.exp(s(1, 0) - s(1, 1)));
}
