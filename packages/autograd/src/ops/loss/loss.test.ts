import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import type { Tensor } from '../../tensor';
import { describeOp } from '../../testing/describe-op';
import { refBuild, refMap, type RefArray } from '../../testing/reference';
import { mul } from '../elementwise/mul';
import { sigmoid } from '../activation/sigmoid';
import { softmax } from '../softmax/softmax';
import { bceWithLogits } from './bce-with-logits';
import { binaryCrossEntropy } from './binary-cross-entropy';
import { crossEntropyLoss } from './cross-entropy-loss';
import { mseLoss } from './mse-loss';
import { nllLoss } from './nll-loss';
import { hessian } from '../../functional/hessian';

type Reduction = 'mean' | 'sum' | 'none';

function reduceRef(values: RefArray, reduction: Reduction): RefArray {
  if (reduction === 'none') return values;
  const total = values.data.reduce((a, v) => a + v, 0);
  return { shape: [], data: new Float64Array([reduction === 'mean' ? total / values.data.length : total]) };
}

/** Per-sample -Σ t·f(x) over the last axis; `target` is indices (i32 values) when its rank is one less. */
function refNll(x: RefArray, target: RefArray, transform: (row: number[]) => number[], reduction: Reduction): RefArray {
  const classes = x.shape[x.shape.length - 1]!;
  const samples = x.shape.slice(0, -1);
  const values = refBuild(samples, (index) => {
    const flat = index.reduce((offset, i, d) => offset * samples[d]! + i, 0);
    const row = transform(Array.from(x.data.slice(flat * classes, (flat + 1) * classes)));
    if (target.shape.length === samples.length) return -row[target.data[flat]!]!;
    return -row.reduce((a, v, c) => a + target.data[flat * classes + c]! * v, 0);
  });
  return reduceRef(values, reduction);
}

const logRow = (row: number[]): number[] => row.map(Math.log);
const logSoftmaxRow = (row: number[]): number[] => {
  const total = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
  return row.map((v) => v - total);
};
const identity = (row: number[]): number[] => row;

/** Class indices as an i32 factory. */
const indices = (values: number[], shape: number[]) => (): Tensor => tensor(values, { dtype: 'i32' }).reshape(shape);
/** Probability rows (softmax-normalised) as a float64 factory. */
const probabilities = (values: number[], shape: number[]) => (): Tensor => softmax(tensor64(values, shape));

for (const reduction of ['mean', 'sum', 'none'] as const) {
  describeOp('crossEntropyLoss', {
    fn: (pred, target) => crossEntropyLoss(pred!, target!, { reduction }),
    reference: (pred, target) => refNll(pred!, target!, logRow, reduction),
    samples: [
      { label: `probabilities, class indices, ${reduction}`, inputs: [[3, 4], indices([0, 3, 1], [3])], domain: [0.1, 0.9] },
      { label: `probabilities, probability rows, ${reduction}`, inputs: [[2, 3], [2, 3]], domain: [0.1, 0.9] },
      { label: `rank 3, indices, ${reduction}`, inputs: [[2, 2, 3], indices([0, 2, 1, 1], [2, 2])], domain: [0.1, 0.9] },
      { label: `single sample [C], ${reduction}`, inputs: [[3], indices([2], [])], domain: [0.1, 0.9] },
    ],
  });
  describeOp('crossEntropyLoss', {
    fn: (pred, target) => crossEntropyLoss(pred!, target!, { reduction, fromLogits: true }),
    reference: (pred, target) => refNll(pred!, target!, logSoftmaxRow, reduction),
    samples: [
      { label: `logits, class indices, ${reduction}`, inputs: [[3, 4], indices([0, 3, 1], [3])] },
      { label: `logits, probability rows, ${reduction}`, inputs: [[2, 3], probabilities([1, 0, -1, 0.5, 0.2, 2], [2, 3])] },
      { label: `logits, size-1 class axis, ${reduction}`, inputs: [[2, 1], indices([0, 0], [2])] },
    ],
  });
  describeOp('nllLoss', {
    fn: (x, target) => nllLoss(x!, target!, { reduction }),
    reference: (x, target) => refNll(x!, target!, identity, reduction),
    samples: [
      { label: `class indices, ${reduction}`, inputs: [[3, 4], indices([0, 3, 1], [3])] },
      { label: `probability rows, ${reduction}`, inputs: [[2, 3], [2, 3]] },
    ],
  });
  describeOp('mseLoss', {
    fn: (a, b) => mseLoss(a!, b!, { reduction }),
    reference: (a, b) => reduceRef(refMap([a!, b!], (x, y) => (x - y) ** 2), reduction),
    samples: [{ inputs: [[2, 3], [2, 3]] }, { label: `0-d ${reduction}`, inputs: [[], []] }, { label: `rank 3 ${reduction}`, inputs: [[2, 1, 3], [2, 1, 3]] }],
  });
  describeOp('binaryCrossEntropy', {
    fn: (p, t) => binaryCrossEntropy(p!, t!, { reduction }),
    reference: (p, t) => reduceRef(refMap([p!, t!], (x, y) => -(y * Math.log(x) + (1 - y) * Math.log(1 - x))), reduction),
    samples: [{ label: `[2,3] ${reduction}`, inputs: [[2, 3], [2, 3]], domain: [0.1, 0.9] }, { label: `0-d ${reduction}`, inputs: [[], []], domain: [0.1, 0.9] }],
  });
  describeOp('bceWithLogits', {
    fn: (x, t) => bceWithLogits(x!, t!, { reduction }),
    reference: (x, t) => reduceRef(refMap([x!, t!], (v, y) => Math.log(1 + Math.exp(v)) - v * y), reduction),
    samples: [
      { label: `[2,3] ${reduction}`, inputs: [[2, 3], [2, 3]] },
      { label: `0-d ${reduction}`, inputs: [[], []] },
      { label: `logit exactly 0, ${reduction}`, inputs: [() => tensor64([0, 1.5, -0.5], [3]), () => tensor64([0.3, 1, 0], [3])] },
    ],
  });
}

describeOp('crossEntropyLoss', {
  fn: (pred, target) => crossEntropyLoss(pred!, target!),
  reference: (pred) => pred!,
  samples: [],
  errors: [
    { label: 'probability rows of another shape', inputs: [[2, 3], [2, 4]], message: 'crossEntropyLoss: input 2x3 and target 2x4 must have the same shape', type: ShapeError },
    { label: 'indices of the wrong shape', inputs: [[2, 3], indices([0, 1, 2], [3])], message: 'crossEntropyLoss: class indices 3 must have the shape of input 2x3', type: ShapeError },
    { label: 'index out of range', inputs: [[2, 3], indices([0, 3], [2])], message: /^crossEntropyLoss: index 3 is out of range .*2x3/, type: ShapeError },
    { label: 'integer pred', inputs: [indices([0, 1], [1, 2]), indices([0], [1])], message: 'crossEntropyLoss: pred must be a float tensor', type: DTypeError },
    { label: '0-d pred', inputs: [[], []], message: 'crossEntropyLoss: input must have a class axis', type: ShapeError },
    { label: 'non-integer index list', inputs: [[2, 3]], message: 'crossEntropyLoss: indices must be integers', type: DTypeError, fn: (pred) => crossEntropyLoss(pred!, [0.5, 1]) },
  ],
});
describeOp('nllLoss', {
  fn: (x, target) => nllLoss(x!, target!),
  reference: (x) => x!,
  samples: [],
  errors: [
    { label: 'bad reduction', inputs: [[2, 3]], message: "nllLoss: reduction must be 'mean', 'sum' or 'none'", fn: (x) => nllLoss(x!, [0, 1], { reduction: 'max' as 'mean' }) },
  ],
});
for (const [name, fn] of [
  ['mseLoss', mseLoss],
  ['binaryCrossEntropy', binaryCrossEntropy],
  ['bceWithLogits', bceWithLogits],
] as const) {
  describeOp(name, {
    fn: (a, b) => fn(a!, b!),
    reference: (a) => a!,
    samples: [],
    errors: [
      { label: 'different shapes', inputs: [[2, 3], [3]], message: /^\w+: \w+ 2x3 and target 3 must have the same shape/, type: ShapeError },
      { label: 'integer target', inputs: [[2], indices([0, 1], [2])], message: 'target must be a float tensor', type: DTypeError },
    ],
  });
}

describe('loss values and gradient identities', () => {
  it('crossEntropyLoss from logits has gradient softmax(x) - onehot, divided by N for mean', () => {
    const x = tensor64([1, 2, 3, -1, 0, 4], [2, 3], { requiresGrad: true });
    for (const [reduction, n] of [
      ['mean', 2],
      ['sum', 1],
    ] as const) {
      const [grad] = gradients(crossEntropyLoss(x, [2, 0], { fromLogits: true, reduction }), [x]);
      const p = softmax(x).data;
      const onehot = [0, 0, 1, 1, 0, 0];
      Array.from(grad!.data).forEach((g, i) => expect(g).toBeCloseTo((p[i]! - onehot[i]!) / n, 14));
    }
  });

  it('crossEntropyLoss from logits has the Hessian (diag(p) - ppᵀ)/N per sample, not zero', () => {
    const logits = [[1, 2, 3], [-1, 0, 4]];
    const h = hessian((x) => crossEntropyLoss(x, [2, 0], { fromLogits: true }))(tensor64(logits.flat(), [2, 3]));
    expect(h.shape).toEqual([2, 3, 2, 3]);
    const p = softmax(tensor64(logits.flat(), [2, 3])).toList() as number[][];
    const entries = h.toList() as number[][][][];
    for (let n = 0; n < 2; n++) for (let i = 0; i < 3; i++) for (let m = 0; m < 2; m++) for (let j = 0; j < 3; j++) {
      const expected = n === m ? ((i === j ? p[n]![i]! : 0) - p[n]![i]! * p[n]![j]!) / 2 : 0;
      expect(entries[n]![i]![m]![j]!).toBeCloseTo(expected, 12);
    }
  });

  it('matches PyTorch cross_entropy values and is stable at ±1000', () => {
    // torch.nn.functional.cross_entropy(torch.tensor([[1., 2., 3.]]), torch.tensor([0])) = 2.4076059644443806
    expect(crossEntropyLoss(tensor64([1, 2, 3], [1, 3]), [0], { fromLogits: true }).item()).toBeCloseTo(2.4076059644443806, 14);
    const big = crossEntropyLoss(tensor32([1000, -1000, 0, 0], [2, 2]), [1, 0], { fromLogits: true, reduction: 'none' });
    expect(big.toList()).toEqual([2000, Math.fround(Math.LN2)]);
  });

  it('defaults to probabilities (fromLogits false) and mean reduction', () => {
    const p = tensor64([0.25, 0.75, 0.5, 0.5], [2, 2]);
    expect(crossEntropyLoss(p, [1, 0]).item()).toBeCloseTo(-(Math.log(0.75) + Math.log(0.5)) / 2, 14);
    expect(crossEntropyLoss(p, tensor64([0, 1, 1, 0], [2, 2])).item()).toBeCloseTo(-(Math.log(0.75) + Math.log(0.5)) / 2, 14);
  });

  it('every loss honours the upstream gradient (3·loss gives 3× the gradient)', () => {
    const a = tensor64([0.2, 0.7, 0.4, 0.9], [2, 2], { requiresGrad: true });
    const b = tensor64([0.3, 0.1, 0.6, 0.5], [2, 2]);
    const losses = [
      () => crossEntropyLoss(a, [0, 1]),
      () => crossEntropyLoss(a, [0, 1], { fromLogits: true }),
      () => nllLoss(a, b),
      () => mseLoss(a, b),
      () => binaryCrossEntropy(a, b),
      () => bceWithLogits(a, b),
    ];
    for (const loss of losses) {
      const [once] = gradients(loss(), [a]);
      const [thrice] = gradients(mul(loss(), 3), [a]);
      Array.from(thrice!.data).forEach((g, i) => expect(g).toBeCloseTo(3 * once!.data[i]!, 13));
    }
  });

  it('binaryCrossEntropy clamps each log at -100 like PyTorch', () => {
    const losses = binaryCrossEntropy(tensor64([0, 1, 0]), tensor64([1, 0, 0]), { reduction: 'none' });
    expect((losses.toList() as number[]).map((v) => v + 0)).toEqual([100, 100, 0]);
  });

  it('bceWithLogits is finite at ±1000 with gradient sigmoid(x) - t, and 1/2 - t at 0', () => {
    const x = tensor64([1000, -1000, 0], [3], { requiresGrad: true });
    const t = tensor64([0, 0, 1]);
    const loss = bceWithLogits(x, t, { reduction: 'none' });
    expect(loss.toList()).toEqual([1000, 0, Math.LN2]);
    const [grad] = gradients(bceWithLogits(x, t, { reduction: 'sum' }), [x]);
    expect(Array.from(grad!.data)).toEqual([1, 0, -0.5]);
    const s = sigmoid(tensor64([0.3])).item();
    const y = tensor64([0.3], [1], { requiresGrad: true });
    expect(gradients(bceWithLogits(y, tensor64([1])), [y])[0]!.item()).toBeCloseTo(s - 1, 15);
  });

  it('mseLoss has no ½ factor (PyTorch)', () => {
    expect(mseLoss(tensor64([1, 2]), tensor64([0, 0])).item()).toBe(2.5);
    expect(mseLoss(tensor64([1, 2]), tensor64([0, 0]), { reduction: 'sum' }).item()).toBe(5);
  });
});
