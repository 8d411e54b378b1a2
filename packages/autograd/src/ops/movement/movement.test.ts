import { describe, expect, it } from 'vitest';
import { ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { describeOp } from '../../testing/describe-op';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import { broadcastTo } from './broadcast-to';
import { concat } from './concat';
import { contiguous } from './contiguous';
import { flatten } from './flatten';
import { narrow } from './narrow';
import { pad } from './pad';
import { reshape } from './reshape';
import { slice } from './slice';
import { squeeze } from './squeeze';
import { stack } from './stack';
import { unsqueeze } from './unsqueeze';

const relabel = (x: RefArray, shape: readonly number[]): RefArray => ({ shape, data: x.data });

function refNarrow(x: RefArray, axis: number, start: number, length: number): RefArray {
  const shape = x.shape.map((extent, position) => (position === axis ? length : extent));
  return refBuild(shape, (index) => refAt(x, index.map((i, position) => (position === axis ? i + start : i))));
}

function refConcat(arrays: readonly RefArray[], axis: number): RefArray {
  const first = arrays[0]!;
  const shape = first.shape.map((extent, position) => (position === axis ? arrays.reduce((t, a) => t + a.shape[axis]!, 0) : extent));
  return refBuild(shape, (index) => {
    let i = index[axis]!;
    for (const array of arrays) {
      if (i < array.shape[axis]!) return refAt(array, index.map((entry, position) => (position === axis ? i : entry)));
      i -= array.shape[axis]!;
    }
    return NaN;
  });
}

describeOp('narrow', {
  fn: (x) => narrow(x!, 1, 1, 2),
  reference: (x) => refNarrow(x!, 1, 1, 2),
  samples: [{ inputs: [[2, 4]] }, { inputs: [[2, 3, 2]] }],
  errors: [
    { label: 'window past the end', inputs: [[2, 2]], message: 'window [1, 1 + 2) is out of range for axis 1 of extent 2 (2x2)', type: ShapeError },
    { label: 'axis out of range', inputs: [[4]], message: 'axis 1 is out of range for rank 1', type: ShapeError },
  ],
});
describeOp('narrow', {
  fn: (x) => narrow(x!, -1, -2, 1),
  reference: (x) => refNarrow(x!, x!.shape.length - 1, x!.shape[x!.shape.length - 1]! - 2, 1),
  samples: [{ label: 'negative axis and start', inputs: [[3, 4]] }, { label: 'vector', inputs: [[5]] }],
  errors: [{ label: '0-d input', inputs: [[]], message: 'cannot take a window of a 0-d tensor', type: ShapeError }],
});
describeOp('slice', {
  fn: (x) => slice(x!, 1, 2),
  reference: (x) => refNarrow(x!, 0, 1, 2),
  samples: [{ inputs: [[4]] }, { inputs: [[3, 2]] }, { inputs: [[3, 1, 2]] }],
  errors: [
    { label: 'window past the end', inputs: [[2, 3]], message: 'window [1, 1 + 2) is out of range for axis 0 of extent 2 (2x3)', type: ShapeError },
    { label: '0-d input', inputs: [[]], message: 'cannot take a window of a 0-d tensor', type: ShapeError },
  ],
});

const padReference = (x: RefArray, before: readonly number[], after: readonly number[], value: number): RefArray =>
  refBuild(
    x.shape.map((extent, axis) => extent + before[axis]! + after[axis]!),
    (index) => {
      const inner = index.map((i, axis) => i - before[axis]!);
      return inner.every((i, axis) => i >= 0 && i < x.shape[axis]!) ? refAt(x, inner) : value;
    },
  );
describeOp('pad', {
  fn: (x) => pad(x!, [1, 2]),
  reference: (x) => padReference(x!, [...new Array<number>(x!.shape.length - 1).fill(0), 1], [...new Array<number>(x!.shape.length - 1).fill(0), 2], 0),
  samples: [{ inputs: [[3]] }, { inputs: [[2, 3]] }],
});
describeOp('pad', {
  fn: (x) => pad(x!, [1]),
  reference: (x) => x!,
  samples: [],
  errors: [{ label: 'odd padding', inputs: [[2]], message: 'padding [1] must hold pairs for at most 1 axes (x 2)', type: ShapeError }],
});
describeOp('pad', {
  fn: (x) => pad(x!, [-1, 0]),
  reference: (x) => x!,
  samples: [],
  errors: [{ label: 'negative width', inputs: [[2]], message: 'padding widths must be non-negative integers (got [-1, 0])', type: ShapeError }],
});
describeOp('pad', {
  fn: (x) => pad(x!, [0, 1, 2, 1], { value: -3 }),
  reference: (x) => padReference(x!, [2, 0], [1, 1], -3),
  samples: [{ label: 'two axes, fill -3', inputs: [[2, 3]] }],
  errors: [
    { label: 'too many pairs', inputs: [[3]], message: 'padding [0, 1, 2, 1] must hold pairs for at most 1 axes (x 3)', type: ShapeError },
  ],
});

describeOp('concat', {
  fn: (...xs) => concat(xs, { axis: 0 }),
  reference: (...xs) => refConcat(xs, 0),
  samples: [{ inputs: [[2, 3], [1, 3], [3, 3]] }, { inputs: [[2], [3]] }],
  errors: [
    { label: 'mismatched extents', inputs: [[2, 3], [2, 4]], message: 'shapes must agree except on axis 0 (2x3, 2x4)', type: ShapeError },
    { label: '0-d inputs', inputs: [[], []], message: 'cannot join 0-d tensors', type: ShapeError },
  ],
});
describeOp('concat', {
  fn: (...xs) => concat(xs, { axis: -1 }),
  reference: (...xs) => refConcat(xs, xs[0]!.shape.length - 1),
  samples: [{ label: 'last axis', inputs: [[2, 1], [2, 3]] }, { label: 'one input', inputs: [[2, 2]] }],
  errors: [{ label: 'rank mismatch', inputs: [[2, 3], [3]], message: 'shapes must agree except on axis 1 (2x3, 3)', type: ShapeError }],
});
describeOp('stack', {
  fn: (...xs) => stack(xs, { axis: 1 }),
  reference: (...xs) => refBuild([xs[0]!.shape[0]!, xs.length, ...xs[0]!.shape.slice(1)], ([i, k, ...rest]) => refAt(xs[k!]!, [i!, ...rest])),
  samples: [{ inputs: [[2, 3], [2, 3]] }, { inputs: [[2], [2], [2]] }],
  errors: [
    { label: 'different shapes', inputs: [[2, 3], [3, 2]], message: 'shapes must be equal (2x3, 3x2)', type: ShapeError },
    { label: 'axis out of range', inputs: [[]], message: 'axis 1 is out of range for rank 1', type: ShapeError },
  ],
});
describeOp('stack', {
  fn: (...xs) => stack(xs),
  reference: (...xs) => ({ shape: [xs.length, ...xs[0]!.shape], data: Float64Array.from(xs.flatMap((x) => Array.from(x.data))) }),
  samples: [{ label: '0-d inputs', inputs: [[], [], []] }, { label: 'matrices', inputs: [[2, 2], [2, 2]] }],
});

describeOp('squeeze', {
  fn: (x) => squeeze(x!),
  reference: (x) => relabel(x!, x!.shape.filter((extent) => extent !== 1)),
  samples: [{ inputs: [[1, 3, 1, 2]] }, { inputs: [[1]] }, { inputs: [[2, 3]] }],
});
describeOp('squeeze', {
  fn: (x) => squeeze(x!, { axis: -1 }),
  reference: (x) => relabel(x!, x!.shape.slice(0, -1)),
  samples: [{ inputs: [[1, 3, 1]] }],
  errors: [
    { label: 'axis of extent 3', inputs: [[2, 3]], message: 'axis 1 has extent 3, not 1 (2x3)', type: ShapeError },
    { label: '0-d input', inputs: [[]], message: 'axis -1 is out of range for rank 0', type: ShapeError },
  ],
});
describeOp('unsqueeze', {
  fn: (x) => unsqueeze(x!, 1),
  reference: (x) => relabel(x!, [x!.shape[0]!, 1, ...x!.shape.slice(1)]),
  samples: [{ inputs: [[2, 3]] }, { inputs: [[3]] }],
  errors: [{ label: 'axis out of range', inputs: [[]], message: 'axis 1 is out of range for rank 1', type: ShapeError }],
});
describeOp('unsqueeze', {
  fn: (x) => unsqueeze(x!, -1),
  reference: (x) => relabel(x!, [...x!.shape, 1]),
  samples: [{ inputs: [[2, 3]] }, { inputs: [[]] }],
});
describeOp('flatten', {
  fn: (x) => flatten(x!),
  reference: (x) => relabel(x!, [x!.data.length]),
  samples: [{ inputs: [[2, 3, 2]] }, { inputs: [[]] }, { inputs: [[4]] }],
});
describeOp('flatten', {
  fn: (x) => flatten(x!, { startAxis: 1, endAxis: -2 }),
  reference: (x) => relabel(x!, [x!.shape[0]!, x!.shape[1]! * x!.shape[2]!, x!.shape[3]!]),
  samples: [{ inputs: [[2, 2, 3, 2]] }],
  errors: [
    { label: 'start after end', inputs: [[2, 3]], message: 'startAxis 1 comes after endAxis 0 (2x3)', type: ShapeError },
    { label: 'axis out of range', inputs: [[2]], message: 'axis 1 is out of range for rank 1', type: ShapeError },
  ],
});

// The views that existed before this family get the battery too.
describeOp('reshape', {
  fn: (x) => reshape(x!, [3, -1]),
  reference: (x) => relabel(x!, [3, x!.data.length / 3]),
  samples: [{ inputs: [[2, 3]] }, { inputs: [[6, 1]] }],
  errors: [{ label: 'element count', inputs: [[2, 2]], message: 'cannot reshape 2x2 (4 elements) to [3, -1]', type: ShapeError }],
});
describeOp('broadcastTo', {
  fn: (x) => broadcastTo(x!, [2, 3, 2]),
  reference: (x) => refBuild([2, 3, 2], (index) => refAt(x!, index)),
  samples: [{ inputs: [[3, 1]] }, { inputs: [[]] }, { inputs: [[2]] }],
  errors: [{ label: 'incompatible', inputs: [[4]], message: 'cannot be broadcast', type: ShapeError }],
});
describeOp('contiguous', {
  fn: (x) => contiguous(x!),
  reference: (x) => x!,
  samples: [{ inputs: [[2, 3]] }, { inputs: [[]] }],
});

describe('movement views', () => {
  it('narrow and slice share storage with their input', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const window = narrow(x, 1, 1, 2);
    expect(window.buffer).toBe(x.buffer);
    expect(window.toList()).toEqual([[2, 3], [5, 6]]);
    const rows = slice(x, 1, 1);
    expect(rows.buffer).toBe(x.buffer);
    expect(rows.offset).toBe(3);
    expect(rows.toList()).toEqual([[4, 5, 6]]);
  });

  it('squeeze and unsqueeze keep non-contiguous inputs as views', () => {
    const x = narrow(tensor([[[1, 2, 3]], [[4, 5, 6]]]), 2, 0, 2);
    expect(squeeze(x).buffer).toBe(x.buffer);
    expect(squeeze(x).toList()).toEqual([[1, 2], [4, 5]]);
    expect(unsqueeze(x, 0).buffer).toBe(x.buffer);
    expect(unsqueeze(x, 0).toList()).toEqual([[[[1, 2]], [[4, 5]]]]);
  });

  it('routes concat and stack gradients back to each input', () => {
    const a = tensor64([1, 2], [1, 2], { requiresGrad: true });
    const b = tensor64([3, 4, 5, 6], [2, 2], { requiresGrad: true });
    const weights = tensor64([1, 2, 3, 4, 5, 6], [3, 2]);
    const [ga, gb] = gradients(sum(mul(concat([a, b]), weights)), [a, b]);
    expect(ga?.toList()).toEqual([[1, 2]]);
    expect(gb?.toList()).toEqual([[3, 4], [5, 6]]);

    const u = tensor64([1, 2], [2], { requiresGrad: true });
    const v = tensor64([3, 4], [2], { requiresGrad: true });
    const [gu, gv] = gradients(sum(mul(stack([u, v], { axis: 1 }), tensor64([1, 2, 3, 4], [2, 2]))), [u, v]);
    expect(gu?.toList()).toEqual([1, 3]);
    expect(gv?.toList()).toEqual([2, 4]);
  });

  it('pads with the given value and cuts the gradient back out', () => {
    const x = tensor64([1, 2], [2], { requiresGrad: true });
    const padded = pad(x, [1, 2], { value: 9 });
    expect(padded.toList()).toEqual([9, 1, 2, 9, 9]);
    const [grad] = gradients(sum(mul(padded, tensor64([1, 2, 3, 4, 5]))), [x]);
    expect(grad?.toList()).toEqual([2, 3]);
  });

  it('concat promotes dtypes', () => {
    expect(concat([tensor([1], { dtype: 'i32' }), tensor64([0.5])]).dtype).toBe('f64');
  });
});
