// Conformance suites of the reductions: reduce over any axes, argReduce along one.
import { expect, it } from 'vitest';
import type { Kernels } from '../backend';
import type { FloatDType } from '../dtype';
import { randomArray } from '../internal/nd-layout';
import { forEachIndex, offsetOf } from '../internal/nd-naive';
import { ARG_REDUCE_OPS, REDUCE_OPS } from '../ops';
import { Random } from '../random';
import { argReduceStrided } from '../strided/arg-reduce-strided';
import { reduceStrided } from '../strided/reduce-strided';
import { expectBuffer, INPUT_KINDS, operand, type KernelSuite } from './conformance-context';

const SHAPES = [[], [1], [9], [2, 3], [3, 1, 4], [2, 3, 2, 3], [17, 5], [2, 0, 3]];
const FLOATS: FloatDType[] = ['f32', 'f64'];

/** Every subset of the axes, cycled through by trial number, with a negative spelling now and then. */
function axesFor(rank: number, trial: number): number[] {
  const mask = trial % (1 << rank);
  const axes: number[] = [];
  for (let axis = rank - 1; axis >= 0; axis--) if (mask & (1 << axis)) axes.push(trial % 3 === 0 ? axis - rank : axis);
  return axes;
}

const reduce: KernelSuite = (backend) => {
  for (const op of REDUCE_OPS) {
    for (const dtype of FLOATS) {
      it(`${op} (${dtype}) over every subset of axes on every layout`, async () => {
        const random = new Random(8);
        const [rtol, atol] = dtype === 'f32' ? [1e-5, 1e-5] : [1e-12, 1e-12];
        for (const shape of SHAPES) {
          for (let trial = 0; trial < Math.max(1, 1 << shape.length); trial++) {
            const axes = axesFor(shape.length, trial);
            const reduced = shape.map((_, axis) => axes.some((a) => a === axis || a + shape.length === axis));
            if ((op === 'max' || op === 'min') && shape.some((extent, axis) => reduced[axis] && extent === 0)) continue;
            const kind = INPUT_KINDS[trial % INPUT_KINDS.length];
            const outShape = shape.map((extent, axis) => (reduced[axis] ? 1 : extent));
            const x = operand(backend(), random, shape, kind, (n) => randomArray(random, dtype, n, op === 'prod' ? 'nearOne' : 'normal'));
            const out = operand(backend(), random, outShape, kind === 'broadcast' ? 'mixed' : kind, (n) => randomArray(random, dtype, n), false);
            const expected = out.host.slice();
            reduceStrided(op, shape, axes, x.host, x.layout.strides, x.layout.offset, expected, out.layout.strides, out.layout.offset);
            backend().kernels.reduce(op, x.view, axes, out.view);
            await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')} axes [${axes.join(', ')}]`, rtol, atol);
          }
        }
      });
    }
  }
  for (const dtype of FLOATS) {
    it(`sum, max and min (${dtype}) over leading, middle and trailing runs of long contiguous views`, async () => {
      const random = new Random(13);
      const cases: [number[], number[]][] = [
        [[6, 9, 37], [0, 1]], // column sums of a matrix: out[j] = Σ_i x[i, j]
        [[6, 9, 37], [0]],
        [[6, 9, 37], [1]], // a middle axis between kept ones
        [[6, 9, 37], [2]],
        [[6, 9, 37], [-1, -2]],
        [[3, 4, 1, 5, 21], [1, 2, 3]], // a middle run of axes, an extent-1 axis inside it
        [[3, 4, 5, 21], [1, 2]],
        [[50, 3], [0]], // narrow rows: fewer columns than one SIMD vector
        [[2, 70, 10], [1]],
        [[5, 3, 2, 19], [0, 2, 3]], // batch-norm channel sums: leading and trailing runs around a kept axis
        [[5, 1, 3, 38], [0, 1, 3]],
        [[4, 3, 2, 5], [0, 2]], // alternating runs: the per-row path
      ];
      for (const op of ['sum', 'max', 'min'] as const) {
        for (const [shape, axes] of cases) {
          const reduced = shape.map((_, axis) => axes.some((a) => a === axis || a + shape.length === axis));
          const outShape = shape.map((extent, axis) => (reduced[axis] ? 1 : extent));
          const x = operand(backend(), random, shape, 'contiguous', (n) => {
            const values = randomArray(random, dtype, n);
            if (op !== 'sum') values[random.integer(n)] = Number.NaN;
            return values;
          });
          const out = operand(backend(), random, outShape, 'contiguous', (n) => randomArray(random, dtype, n), false);
          const expected = out.host.slice();
          // A plain loop: every output element from its own double-precision accumulator, in row-major order.
          const accumulators = new Map<number, number>();
          forEachIndex(shape, (index) => {
            const target = offsetOf(index.map((i, axis) => (reduced[axis] ? 0 : i)), out.layout.strides, out.layout.offset);
            const value = x.host[offsetOf(index, x.layout.strides, x.layout.offset)];
            const previous = accumulators.get(target);
            if (previous === undefined) accumulators.set(target, value);
            else if (op === 'sum') accumulators.set(target, previous + value);
            else if (Number.isNaN(previous) || Number.isNaN(value)) accumulators.set(target, Number.NaN);
            else accumulators.set(target, op === 'max' ? Math.max(previous, value) : Math.min(previous, value));
          });
          for (const [target, value] of accumulators) expected[target] = value;
          backend().kernels.reduce(op, x.view, axes, out.view);
          const [rtol, atol] = dtype === 'f32' ? [1e-6, 1e-6] : [1e-13, 1e-13];
          await expectBuffer(backend(), out, expected, `${op} ${shape.join('x')} axes [${axes.join(', ')}]`, rtol, atol);
        }
      }
    });
  }
  it('sums in double precision, propagates NaN in max, rejects an empty max', async () => {
    const random = new Random(9);
    const ones = operand(backend(), random, [1000, 1000], 'contiguous', () => new Float32Array(1_000_000).fill(1));
    const total = operand(backend(), random, [1, 1], 'contiguous', () => new Float32Array(1), false);
    backend().kernels.reduce('sum', ones.view, [0, 1], total.view);
    await expectBuffer(backend(), total, new Float32Array([1_000_000]), 'sum of 1e6 ones');
    const withNaN = operand(backend(), random, [4], 'contiguous', () => new Float64Array([1, Number.NaN, 3, 2]));
    const scalar = operand(backend(), random, [1], 'contiguous', () => new Float64Array(1), false);
    backend().kernels.reduce('max', withNaN.view, [0], scalar.view);
    await expectBuffer(backend(), scalar, new Float64Array([Number.NaN]), 'max with NaN');
    const empty = operand(backend(), random, [2, 0], 'contiguous', () => new Float64Array(0));
    const pair = operand(backend(), random, [2, 1], 'contiguous', () => new Float64Array(2), false);
    expect(() => backend().kernels.reduce('max', empty.view, [1], pair.view)).toThrow();
    backend().kernels.reduce('prod', empty.view, [1], pair.view);
    await expectBuffer(backend(), pair, new Float64Array([1, 1]), 'empty prod');
  });
};

const argReduce: KernelSuite = (backend) => {
  for (const op of ARG_REDUCE_OPS) {
    for (const dtype of FLOATS) {
      it(`${op} (${dtype}) along every axis on every layout, first of ties and first NaN winning`, async () => {
        const random = new Random(10);
        for (const shape of SHAPES) {
          for (let axis = -1; axis < shape.length; axis++) {
            const along = axis < 0 ? axis + shape.length : axis;
            if (shape.length === 0 || shape[along] === 0) continue;
            const kind = INPUT_KINDS[random.integer(INPUT_KINDS.length)];
            const outShape = shape.map((extent, i) => (i === along ? 1 : extent));
            const x = operand(backend(), random, shape, kind, (n) => {
              const values = randomArray(random, dtype, n, 'ties');
              if (n > 0 && random.uniform() < 0.3) values[random.integer(n)] = Number.NaN;
              return values;
            });
            const out = operand(backend(), random, outShape, kind === 'broadcast' ? 'gapped' : kind, (n) => randomArray(random, 'i32', n), false);
            const expected = out.host.slice();
            argReduceStrided(op, shape, axis, x.host, x.layout.strides, x.layout.offset, expected, out.layout.strides, out.layout.offset);
            backend().kernels.argReduce(op, x.view, axis, out.view);
            await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')} axis ${axis}`);
          }
        }
      });
    }
  }
};

/** Suites of the reduction kernels, keyed by kernel name. */
export const REDUCTION_SUITES: Pick<Record<keyof Kernels, KernelSuite>, 'reduce' | 'argReduce'> = { reduce, argReduce };
