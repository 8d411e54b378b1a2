// Conformance suites of the reductions: reduce over any axes, argReduce along one.
import { expect, it } from 'vitest';
import type { Kernels } from '../backend';
import type { FloatDType } from '../dtype';
import { randomArray } from '../internal/nd-layout';
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
