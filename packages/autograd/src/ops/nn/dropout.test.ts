import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { manualSeed, ones, tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refMap } from '../../testing/reference';
import { sum } from '../reduce/sum';
import { dropout } from './dropout';

describeOp('dropout', {
  fn: (x) => dropout(x!, { training: false }),
  reference: (x) => refMap([x!], (v) => v),
  samples: [{ label: 'training false', inputs: [[2, 3]] }, { label: 'rank 0', inputs: [[]] }],
  errors: [
    { label: 'p above 1', inputs: [[2]], fn: (x) => dropout(x!, { p: 1.5 }), message: 'dropout: p must be in [0, 1] (got 1.5)', type: ShapeError },
    { label: 'an integer input', inputs: [() => tensor([1, 2], { dtype: 'i32' })], message: 'dropout: needs a float tensor', type: DTypeError },
  ],
});
// A fixed-seed mask: every call redraws the same mask, so the function is deterministic for gradcheck.
describeOp('dropout', {
  fn: (x) => {
    manualSeed(11);
    return dropout(x!, { p: 0.4 });
  },
  reference: (x) => {
    manualSeed(11);
    const mask = dropout(ones(x!.shape, { dtype: 'f64' }), { p: 0.4 }).data;
    return { shape: x!.shape, data: x!.data.map((v, i) => v * (mask[i] as number)) };
  },
  samples: [{ label: 'fixed-seed mask, p 0.4', inputs: [[3, 4]] }],
});

describe('dropout', () => {
  it('keeps about 1 − p of the elements and preserves the mean', () => {
    manualSeed(1);
    const out = dropout(ones([10000], { dtype: 'f64' }), { p: 0.3 });
    const kept = Array.from(out.data).filter((v) => v !== 0);
    expect(kept.length / 10000).toBeCloseTo(0.7, 1);
    kept.forEach((v) => expect(v).toBeCloseTo(1 / 0.7, 12));
    expect(sum(out).item() / 10000).toBeCloseTo(1, 1);
  });

  it('has gradient mask / (1 − p)', () => {
    manualSeed(2);
    const x = tensor64([1, 2, 3, 4, 5, 6, 7, 8], [8], { requiresGrad: true });
    const out = dropout(x, { p: 0.5 });
    const [grad] = gradients(sum(out), [x]);
    Array.from(grad!.data).forEach((g, i) => expect(g).toBe((out.data[i] as number) === 0 ? 0 : 2));
  });

  it('is the identity for p = 0 or training = false, and zeros for p = 1', () => {
    const x = tensor64([1, 2, 3]);
    expect(dropout(x, { p: 0 })).toBe(x);
    expect(dropout(x, { training: false })).toBe(x);
    expect(dropout(x, { p: 1 }).toList()).toEqual([0, 0, 0]);
  });

  it('is reproducible with manualSeed', () => {
    manualSeed(5);
    const a = dropout(ones([16], { dtype: 'f64' })).toList();
    manualSeed(5);
    expect(dropout(ones([16], { dtype: 'f64' })).toList()).toEqual(a);
  });
});
