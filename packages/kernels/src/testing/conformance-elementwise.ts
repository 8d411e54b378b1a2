// Conformance suites of the element-wise kernels: fill, copy, unary, binary, where.
import { expect, it } from 'vitest';
import type { Kernels } from '../backend';
import type { DType, FloatDType } from '../dtype';
import { randomArray } from '../internal/nd-layout';
import { BINARY_OPS, UNARY_OPS } from '../ops';
import { Random } from '../random';
import { binaryStrided } from '../strided/binary-strided';
import { copyStrided } from '../strided/copy-strided';
import { fillStrided } from '../strided/fill-strided';
import { unaryStrided } from '../strided/unary-strided';
import { whereStrided } from '../strided/where-strided';
import { expectBuffer, INPUT_KINDS, operand, OUTPUT_KINDS, tolerance, type KernelSuite } from './conformance-context';

const SHAPES = [[], [1], [7], [2, 3], [3, 1, 4], [2, 0, 3], [2, 3, 2, 2], [5, 9]];
const FLOATS: FloatDType[] = ['f32', 'f64'];
const ALL: DType[] = ['f32', 'f64', 'i32'];

const fill: KernelSuite = (backend) => {
  for (const dtype of ALL) {
    it(`fills every layout (${dtype})`, async () => {
      const random = new Random(1);
      for (const shape of SHAPES) {
        for (const kind of OUTPUT_KINDS) {
          const out = operand(backend(), random, shape, kind, (n) => randomArray(random, dtype, n), false);
          const expected = out.host.slice();
          fillStrided(shape, expected, out.layout.strides, out.layout.offset, -2);
          backend().kernels.fill(out.view, -2);
          await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')}`);
        }
      }
    });
  }
};

const copy: KernelSuite = (backend) => {
  for (const from of ALL) {
    for (const to of ALL) {
      it(`copies ${from} into ${to} between any layouts`, async () => {
        const random = new Random(2);
        for (const shape of SHAPES) {
          for (const kind of INPUT_KINDS) {
            const x = operand(backend(), random, shape, kind, (n) => randomArray(random, from, n));
            const out = operand(backend(), random, shape, OUTPUT_KINDS[random.integer(OUTPUT_KINDS.length)], (n) => randomArray(random, to, n), false);
            const expected = out.host.slice();
            copyStrided(shape, x.host, x.layout.strides, x.layout.offset, expected, out.layout.strides, out.layout.offset);
            backend().kernels.copy(x.view, out.view);
            await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')}`);
          }
        }
      });
    }
  }
};

const unary: KernelSuite = (backend) => {
  for (const op of UNARY_OPS) {
    for (const dtype of FLOATS) {
      it(`${op} (${dtype}) on every layout`, async () => {
        const random = new Random(3);
        const [rtol, atol] = tolerance(dtype);
        for (const shape of SHAPES) {
          for (const kind of INPUT_KINDS) {
            const x = operand(backend(), random, shape, kind, (n) => randomArray(random, dtype, n));
            const out = operand(backend(), random, shape, kind === 'broadcast' ? 'mixed' : kind, (n) => randomArray(random, dtype, n), false);
            const expected = out.host.slice();
            unaryStrided(op, shape, x.host, x.layout.strides, x.layout.offset, expected, out.layout.strides, out.layout.offset);
            backend().kernels.unary(op, x.view, out.view);
            await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')}`, rtol, atol);
          }
        }
      });
    }
  }
  it('works in place (out is x)', async () => {
    const random = new Random(4);
    const x = operand(backend(), random, [3, 4], 'gapped', (n) => randomArray(random, 'f64', n), false);
    const expected = x.host.slice();
    unaryStrided('exp', [3, 4], expected, x.layout.strides, x.layout.offset, expected, x.layout.strides, x.layout.offset);
    backend().kernels.unary('exp', x.view, x.view);
    await expectBuffer(backend(), x, expected, 'in place', ...tolerance('f64'));
  });
  it('rejects a view that overruns its buffer', () => {
    const buffer = backend().alloc('f32', 4);
    const view = { buffer, shape: [5], strides: [1], offset: 0 };
    expect(() => backend().kernels.unary('neg', view, view)).toThrow();
  });
};

const binary: KernelSuite = (backend) => {
  for (const op of BINARY_OPS) {
    for (const dtype of FLOATS) {
      it(`${op} (${dtype}) on every layout, broadcast included`, async () => {
        const random = new Random(5);
        const [rtol, atol] = tolerance(dtype);
        const values = op === 'pow' ? 'positive' : op.startsWith('less') || op.startsWith('greater') || op.endsWith('qual') ? 'ties' : 'normal';
        for (const shape of SHAPES) {
          for (const kind of INPUT_KINDS) {
            const a = operand(backend(), random, shape, kind, (n) => randomArray(random, dtype, n, values));
            const b = operand(backend(), random, shape, random.uniform() < 0.5 ? 'broadcast' : kind, (n) => randomArray(random, dtype, n, values));
            const out = operand(backend(), random, shape, kind === 'broadcast' ? 'offset' : kind, (n) => randomArray(random, dtype, n), false);
            const expected = out.host.slice();
            binaryStrided(
              op, shape,
              a.host, a.layout.strides, a.layout.offset,
              b.host, b.layout.strides, b.layout.offset,
              expected, out.layout.strides, out.layout.offset,
            );
            backend().kernels.binary(op, a.view, b.view, out.view);
            await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')}`, rtol, atol);
          }
        }
      });
    }
  }
  it('propagates NaN through maximum and minimum', async () => {
    const random = new Random(6);
    for (const op of ['maximum', 'minimum'] as const) {
      const a = operand(backend(), random, [3], 'contiguous', () => new Float32Array([Number.NaN, 1, 2]));
      const b = operand(backend(), random, [3], 'contiguous', () => new Float32Array([0, Number.NaN, 3]));
      const out = operand(backend(), random, [3], 'contiguous', () => new Float32Array(3), false);
      backend().kernels.binary(op, a.view, b.view, out.view);
      await expectBuffer(backend(), out, new Float32Array([Number.NaN, Number.NaN, op === 'maximum' ? 3 : 2]), op);
    }
  });
};

const where: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`selects on every layout (${dtype})`, async () => {
      const random = new Random(7);
      for (const shape of SHAPES) {
        for (const kind of INPUT_KINDS) {
          const condition = operand(backend(), random, shape, kind, (n) => randomArray(random, dtype, n, 'ties'));
          const a = operand(backend(), random, shape, random.uniform() < 0.5 ? 'broadcast' : kind, (n) => randomArray(random, dtype, n));
          const b = operand(backend(), random, shape, 'mixed', (n) => randomArray(random, dtype, n));
          const out = operand(backend(), random, shape, kind === 'broadcast' ? 'negative' : kind, (n) => randomArray(random, dtype, n), false);
          const expected = out.host.slice();
          whereStrided(
            shape,
            condition.host, condition.layout.strides, condition.layout.offset,
            a.host, a.layout.strides, a.layout.offset,
            b.host, b.layout.strides, b.layout.offset,
            expected, out.layout.strides, out.layout.offset,
          );
          backend().kernels.where(condition.view, a.view, b.view, out.view);
          await expectBuffer(backend(), out, expected, `${kind} ${shape.join('x')}`);
        }
      }
    });
  }
};

/** Suites of the element-wise kernels, keyed by kernel name. */
export const ELEMENTWISE_SUITES: Pick<Record<keyof Kernels, KernelSuite>, 'fill' | 'copy' | 'unary' | 'binary' | 'where'> = {
  fill,
  copy,
  unary,
  binary,
  where,
};
