import { describe, expect, it } from 'vitest';
import { ShapeError } from '@nanograd/kernels';
import { tensor } from '../../create';
import { gradients } from '../../graph/backward-api';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { describeOp } from '../../testing/describe-op';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import { permute } from './permute';
import { transpose } from './transpose';

/** Axis `i` of the result is axis `axes[i]` of `x`, from the definition. */
function refPermute(x: RefArray, axes: readonly number[]): RefArray {
  const rank = x.shape.length;
  const normalized = axes.map((axis) => (axis < 0 ? axis + rank : axis));
  return refBuild(
    normalized.map((axis) => x.shape[axis] as number),
    (index) => {
      const source = new Array<number>(rank);
      normalized.forEach((axis, position) => {
        source[axis] = index[position] as number;
      });
      return refAt(x, source);
    },
  );
}

function refSwap(x: RefArray, axis0: number, axis1: number): RefArray {
  const rank = x.shape.length;
  const axes = Array.from({ length: rank }, (_, axis) => axis);
  const first = axis0 < 0 ? axis0 + rank : axis0;
  const second = axis1 < 0 ? axis1 + rank : axis1;
  axes[first] = second;
  axes[second] = first;
  return refPermute(x, axes);
}

// The permutation used for each input rank; rank 4 exercises negative axes.
const permutations: Record<number, readonly number[]> = { 0: [], 1: [0], 2: [1, 0], 3: [2, 0, 1], 4: [-1, 0, -2, 1] };

describeOp('permute', {
  fn: (x) => permute(x!, permutations[x!.rank]!),
  reference: (x) => refPermute(x!, permutations[x!.shape.length]!),
  samples: [
    { label: 'rank 3', inputs: [[2, 3, 4]] },
    { label: 'size-1 axes', inputs: [[1, 3, 1]] },
    { label: 'matrix', inputs: [[3, 4]] },
    { label: 'negative axes', inputs: [[2, 1, 3, 2]] },
    { label: 'vector (identity)', inputs: [[3]] },
    { label: '0-d (identity)', inputs: [[]] },
  ],
  errors: [
    { label: 'too few axes', fn: (x) => permute(x!, [2, 0]), inputs: [[2, 3, 4]], message: 'permute: axes [2, 0] do not reorder the 3 axes of shape 2x3x4', type: ShapeError },
    { label: 'an axis out of range', fn: (x) => permute(x!, [0, 2]), inputs: [[2, 3]], message: 'permute: axis 2 is out of range for rank 2', type: ShapeError },
    { label: 'a repeated axis', fn: (x) => permute(x!, [0, -2]), inputs: [[2, 3]], message: 'permute: axes [0, -2] repeat an axis of shape 2x3', type: ShapeError },
  ],
});

describeOp('transpose', {
  fn: (x) => transpose(x!),
  reference: (x) => (x!.shape.length < 2 ? x! : refSwap(x!, -2, -1)),
  samples: [
    { label: 'matrix', inputs: [[2, 3]] },
    { label: 'batch of matrices', inputs: [[2, 3, 4]] },
    { label: 'vector (unchanged)', inputs: [[3]] },
    { label: '0-d (unchanged)', inputs: [[]] },
  ],
  errors: [
    { label: 'an axis out of range', fn: (x) => transpose(x!, 0, 3), inputs: [[2, 3, 4]], message: 'transpose: axis 3 is out of range for rank 3', type: ShapeError },
    { label: 'a 0-d tensor with explicit axes', fn: (x) => transpose(x!, 0, 0), inputs: [[]], message: 'transpose: axis 0 is out of range for rank 0', type: ShapeError },
  ],
});
describeOp('transpose', {
  fn: (x) => transpose(x!, 0, -1),
  reference: (x) => refSwap(x!, 0, -1),
  samples: [{ label: 'axes 0 and -1', inputs: [[2, 3, 4]] }, { label: 'the same axis twice', inputs: [[3]] }],
});

describe('permute and transpose', () => {
  it('share storage with their input', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const t = transpose(x);
    expect(t.buffer).toBe(x.buffer);
    expect(t.strides).toEqual([1, 3]);
    expect(t.isContiguous).toBe(false);
    expect(permute(x, [0, 1])).toBe(x);
  });

  it('returns 0-d and 1-d tensors unchanged, like PyTorch .T', () => {
    const v = tensor([1, 2, 3]);
    expect(transpose(v)).toBe(v);
    const s = tensor(5);
    expect(transpose(s)).toBe(s);
    expect(() => transpose(v, 0, 1)).toThrow('transpose: axis 1 is out of range for rank 1');
  });

  it('sends gradients back through the inverse permutation', () => {
    const x = tensor([[[1, 2], [3, 4], [5, 6]]], { requiresGrad: true, dtype: 'f64' });
    const weights = tensor([[[1, 2, 3]], [[4, 5, 6]]], { dtype: 'f64' });
    const [grad] = gradients(sum(mul(permute(x, [2, 0, 1]), weights)), [x]);
    expect(grad?.toList()).toEqual([[[1, 4], [2, 5], [3, 6]]]);
  });
});
