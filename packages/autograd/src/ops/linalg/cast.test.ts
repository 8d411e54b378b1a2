import { describe, expect, it } from 'vitest';
import { DTypeError, type DType } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refMap } from '../../testing/reference';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { cast } from './cast';

// Widening is exact, so f32 inputs (custom factories) make the battery's f64 checks meaningful.
describeOp('cast', {
  fn: (x) => cast(x!, 'f64'),
  reference: (x) => refMap([x!], (value) => value),
  samples: [
    { label: 'f32 matrix to f64', inputs: [() => tensor32([0.5, -1.25, 3.75, 2, -0.1, 7], [2, 3])] },
    { label: 'f32 0-d to f64', inputs: [() => tensor32([1.5], [])] },
  ],
  errors: [{ label: 'an unknown dtype', fn: (x) => cast(x!, 'f16' as DType), inputs: [[2]], message: "cast: unknown dtype 'f16'", type: DTypeError }],
});

describe('cast', () => {
  it('rounds f64 to f32 and sends an f64 gradient back', () => {
    const x = tensor64([0.1, 1 / 3], [2], { requiresGrad: true });
    const y = cast(x, 'f32');
    expect(y.dtype).toBe('f32');
    expect(Array.from(y.data)).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    const [grad] = gradients(sum(mul(y, 2)), [x]);
    expect(grad?.dtype).toBe('f64');
    expect(grad?.toList()).toEqual([2, 2]);
  });

  it('returns the input itself when the dtype already matches', () => {
    const x = tensor([1, 2]);
    expect(cast(x, 'f32')).toBe(x);
  });

  it('truncates toward zero when casting to i32, carrying no gradient', () => {
    const x = tensor([1.9, -2.7, 0.2], { requiresGrad: true });
    const y = cast(x, 'i32');
    expect(y.dtype).toBe('i32');
    expect(y.toList()).toEqual([1, -2, 0]);
    expect(y.requiresGrad).toBe(false);
    expect(cast(y, 'f64').toList()).toEqual([1, -2, 0]);
  });

  it('differentiates twice through a round trip', () => {
    const x = tensor64([3], [1], { requiresGrad: true });
    const cube = (value: typeof x) => mul(mul(value, value), value);
    const [first] = gradients(sum(cast(cube(cast(x, 'f32')), 'f64')), [x], { createGraph: true });
    expect(first?.toList()).toEqual([27]);
    const [second] = gradients(sum(first!), [x]);
    expect(second?.toList()).toEqual([18]);
  });
});
