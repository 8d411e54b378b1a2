// Conformance suite of the fused normalisation kernels: results must match the pure functions within the tolerances
// of transcendental results (a backend may sum in another order), writes outside the views must not happen.
import { expect, it } from 'vitest';
import type { Backend, View } from '../backend';
import { allocTypedArray, type FloatArray, type FloatDType } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { randomArray } from '../internal/nd-layout';
import { normalizeBackward } from '../norm/normalize-backward';
import { normalizeForward } from '../norm/normalize-forward';
import { Random } from '../random';
import { expectBuffer, tolerance, upload, type KernelSuite, type Operand } from './conformance-context';

const FLOATS: FloatDType[] = ['f32', 'f64'];

/** (outer, channels, inner): batch-norm-like, layer-norm-like (outer 1), one value per row (inner 1), odd tails, empty. */
const LAYOUTS: readonly [number, number, number][] = [
  [4, 3, 5], [8, 2, 49], [1, 6, 8], [1, 5, 33], [1, 1, 1000], [16, 4, 1], [3, 2, 7], [2, 0, 3], [0, 2, 3], [2, 3, 0],
];

/** A dense operand `pad` elements into a larger buffer filled with -7, so offsets and stray writes are exercised. */
function dense(backend: Backend, host: FloatArray, shape: number[], pad: number): Operand<FloatArray> {
  const padded = allocTypedArray(host instanceof Float32Array ? 'f32' : 'f64', host.length + pad + 2) as FloatArray;
  padded.fill(-7);
  padded.set(host, pad);
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, extent) => product * extent, 1));
  return upload(backend, padded, { shape, strides, offset: pad, length: padded.length });
}

/** The dense elements of an operand, as the pure function sees them. */
const inside = (operand: Operand<FloatArray>): FloatArray => operand.host.subarray(operand.view.offset, operand.view.offset + operand.host.length - operand.view.offset - 2);

/** Values for x: random, or (for epsilon 0) channels of one exactly representable constant each. */
function inputValues(random: Random, dtype: FloatDType, [outer, channels, inner]: readonly number[], constant: boolean): FloatArray {
  const values = randomArray(random, dtype, outer! * channels! * inner!) as FloatArray;
  if (constant) values.forEach((_, k) => (values[k] = (Math.floor(k / inner!) % channels!) * 1.5 - 2));
  return values;
}

const forwardSuite: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    const variants = [
      { name: 'plain', affine: false, weightOnly: false, keepNormalized: false, constant: false, epsilon: 1e-5 },
      { name: 'affine, keeping the normalised x', affine: true, weightOnly: false, keepNormalized: true, constant: false, epsilon: 1e-5 },
      { name: 'weight only', affine: true, weightOnly: true, keepNormalized: false, constant: false, epsilon: 0.1 },
      { name: 'constant channels with epsilon 0', affine: true, weightOnly: false, keepNormalized: true, constant: true, epsilon: 0 },
    ];
    for (const variant of variants) {
      it(`${variant.name} (${dtype}) matches the reference on every layout`, async () => {
        const random = new Random(41);
        const [rtol, atol] = tolerance(dtype);
        for (const layout of LAYOUTS) {
          const b = backend();
          const channels = layout[1]!;
          const x = dense(b, inputValues(random, dtype, layout, variant.constant), layout, 1);
          const weight = variant.affine ? dense(b, randomArray(random, dtype, channels) as FloatArray, [channels], 2) : null;
          const bias = variant.affine && !variant.weightOnly ? dense(b, randomArray(random, dtype, channels) as FloatArray, [channels], 3) : null;
          const size = layout.reduce((product, extent) => product * extent, 1);
          const out = dense(b, allocTypedArray(dtype, size) as FloatArray, layout, 4);
          const normalized = variant.keepNormalized ? dense(b, allocTypedArray(dtype, size) as FloatArray, layout, 5) : null;
          const [mean, variance, inverseStd] = [6, 7, 8].map((pad) => dense(b, allocTypedArray(dtype, channels) as FloatArray, [channels], pad));
          normalizeForward(
            layout[0]!, channels, layout[2]!, variant.epsilon, inside(x), weight && inside(weight), bias && inside(bias),
            inside(out), normalized && inside(normalized), inside(mean!), inside(variance!), inside(inverseStd!),
          );
          b.kernels.normalizeForward(
            x.view, variant.epsilon, weight?.view ?? null, bias?.view ?? null, out.view, normalized?.view ?? null, mean!.view, variance!.view, inverseStd!.view,
          );
          const outputs = { out, normalized, mean, variance, inverseStd, x };
          for (const [name, operand] of Object.entries(outputs)) {
            if (operand) await expectBuffer(b, operand, operand.host, `${variant.name} ${dtype} ${layout.join('x')}: ${name}`, rtol, atol);
          }
        }
      });
    }
    it(`works in place, out = x (${dtype})`, async () => {
      const random = new Random(5);
      const b = backend();
      const layout = [3, 4, 10];
      const x = dense(b, randomArray(random, dtype, 120) as FloatArray, layout, 2);
      const [mean, variance, inverseStd] = [0, 1, 2].map(() => dense(b, allocTypedArray(dtype, 4) as FloatArray, [4], 0));
      normalizeForward(3, 4, 10, 1e-5, inside(x), null, null, inside(x), null, inside(mean!), inside(variance!), inside(inverseStd!));
      b.kernels.normalizeForward(x.view, 1e-5, null, null, x.view, null, mean!.view, variance!.view, inverseStd!.view);
      await expectBuffer(b, x, x.host, `in place ${dtype}`, ...tolerance(dtype));
    });
  }
  it('rejects mismatched shapes, strided views and mixed dtypes with typed errors', () => {
    const b = backend();
    const view = (shape: number[], dtype: FloatDType = 'f32', strides?: number[]): View => {
      const size = shape.reduce((product, extent) => product * extent, 1);
      return { buffer: b.alloc(dtype, size * 2), shape, strides: strides ?? shape.map((_, axis) => shape.slice(axis + 1).reduce((p, e) => p * e, 1)), offset: 0 };
    };
    const c = (): View => view([3]);
    expect(() => b.kernels.normalizeForward(view([2, 3, 4]), 0, null, null, view([2, 3, 5]), null, c(), c(), c())).toThrow(
      /^normalizeForward: out has shape 2x3x5, expected 2x3x4/,
    );
    expect(() => b.kernels.normalizeForward(view([6, 4]), 0, null, null, view([6, 4]), null, c(), c(), c())).toThrow(
      /^normalizeForward: x must have shape \[outer, channels, inner\] \(got 6x4\)/,
    );
    expect(() => b.kernels.normalizeForward(view([2, 3, 4]), 0, view([4]), null, view([2, 3, 4]), null, c(), c(), c())).toThrow(ShapeError);
    expect(() => b.kernels.normalizeForward(view([2, 3, 4]), 0, view([3], 'f32', [2]), null, view([2, 3, 4]), null, c(), c(), c())).toThrow(
      /^normalizeForward: weight must be contiguous/,
    );
    expect(() => b.kernels.normalizeForward(view([2, 3, 4]), 0, null, null, view([2, 3, 4], 'f64'), null, c(), c(), c())).toThrow(DTypeError);
  });
};

const backwardSuite: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`matches the reference on every layout (${dtype})`, async () => {
      const random = new Random(43);
      const [rtol, atol] = tolerance(dtype);
      for (const layout of LAYOUTS) {
        const b = backend();
        const channels = layout[1]!;
        const size = layout.reduce((product, extent) => product * extent, 1);
        const grad = dense(b, randomArray(random, dtype, size) as FloatArray, layout, 1);
        const normalized = dense(b, randomArray(random, dtype, size) as FloatArray, layout, 2);
        const scale = dense(b, randomArray(random, dtype, channels, 'positive') as FloatArray, [channels], 3);
        const out = dense(b, allocTypedArray(dtype, size) as FloatArray, layout, 4);
        const [gradSum, gradNormalizedSum] = [5, 6].map((pad) => dense(b, allocTypedArray(dtype, channels) as FloatArray, [channels], pad));
        normalizeBackward(layout[0]!, channels, layout[2]!, inside(grad), inside(normalized), inside(scale), inside(out), inside(gradSum!), inside(gradNormalizedSum!));
        b.kernels.normalizeBackward(grad.view, normalized.view, scale.view, out.view, gradSum!.view, gradNormalizedSum!.view);
        for (const [name, operand] of Object.entries({ out, gradSum, gradNormalizedSum, grad, normalized })) {
          await expectBuffer(b, operand!, operand!.host, `${dtype} ${layout.join('x')}: ${name}`, rtol, atol);
        }
      }
    });
  }
  it('rejects mismatched shapes with a ShapeError', () => {
    const b = backend();
    const view = (shape: number[]): View => ({ buffer: b.alloc('f64', shape.reduce((p, e) => p * e, 1)), shape, strides: shape.map((_, axis) => shape.slice(axis + 1).reduce((p, e) => p * e, 1)), offset: 0 });
    expect(() => b.kernels.normalizeBackward(view([2, 3, 4]), view([2, 3, 4]), view([2]), view([2, 3, 4]), view([3]), view([3]))).toThrow(
      /^normalizeBackward: scale has shape 2, expected 3/,
    );
    expect(() => b.kernels.normalizeBackward(view([2, 3, 4]), view([2, 4, 3]), view([3]), view([2, 3, 4]), view([3]), view([3]))).toThrow(ShapeError);
  });
};

/** The suites of the fused normalisation kernels, by kernel name. */
export const NORMALIZE_SUITES: { normalizeForward: KernelSuite; normalizeBackward: KernelSuite } = {
  normalizeForward: forwardSuite,
  normalizeBackward: backwardSuite,
};
