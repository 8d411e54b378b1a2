// Conformance suites of the element-wise kernels: fill, copy, unary, binary, where.
import { expect, it } from 'vitest';
import type { Kernels } from '../backend';
import type { DType, FloatDType } from '../dtype';
import { randomArray } from '../internal/nd-layout';
import { forEachIndex, offsetOf } from '../internal/nd-naive';
import { BINARY_OPS, UNARY_OPS } from '../ops';
import { Random } from '../random';
import { binaryStrided } from '../strided/binary-strided';
import { copyStrided } from '../strided/copy-strided';
import { fillStrided } from '../strided/fill-strided';
import { unaryStrided } from '../strided/unary-strided';
import { whereStrided } from '../strided/where-strided';
import { expectBuffer, INPUT_KINDS, operand, OUTPUT_KINDS, tolerance, upload, type KernelSuite } from './conformance-context';

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

const copyIntoDense: KernelSuite = (backend) => {
  for (const dtype of ALL) {
    it(`copies transposed, permuted, reversed and broadcast ${dtype} views into dense outputs`, async () => {
      const random = new Random(14);
      const layouts = [
        { shape: [2, 3, 4, 5, 6], strides: [1, 2, 6, 24, 120], offset: 0, length: 720 }, // every axis reversed
        { shape: [8, 32, 4, 16], strides: [2048, 16, 512, 1], offset: 0, length: 16384 }, // attention heads split
        { shape: [8, 32, 4, 16], strides: [2048, 1, 512, 32], offset: 0, length: 16384 }, // and transposed
        { shape: [5, 37], strides: [-37, 1], offset: 148, length: 185 }, // rows in reverse order
        { shape: [3, 4, 37], strides: [0, 37, 1], offset: 0, length: 148 }, // broadcast over the leading axis
        { shape: [6, 2, 1, 3], strides: [1, 18, 7, 6], offset: 0, length: 36 }, // gapped, extent-1 axis
      ];
      for (const layout of layouts) {
        const x = upload(backend(), randomArray(random, dtype, layout.length), layout);
        const size = layout.shape.reduce((product, extent) => product * extent, 1);
        const strides = layout.shape.map((_, axis) => layout.shape.slice(axis + 1).reduce((product, extent) => product * extent, 1));
        const out = upload(backend(), randomArray(random, dtype, size + 3), { shape: layout.shape, strides, offset: 2, length: size + 3 });
        const expected = out.host.slice();
        forEachIndex(layout.shape, (index) => {
          expected[offsetOf(index, strides, 2)] = x.host[offsetOf(index, layout.strides, layout.offset)];
        });
        backend().kernels.copy(x.view, out.view);
        await expectBuffer(backend(), out, expected, `${layout.shape.join('x')} strides ${layout.strides.join(',')}`);
      }
    });
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
  for (const dtype of FLOATS) {
    it(`erf (${dtype}) on special and far-out values, a long contiguous run included`, async () => {
      const random = new Random(11);
      // Hand-checked values (erf(0.5), erf(1), erf(2), erf(-3) to 16 digits) and the specials, then a sweep of [-7, 7].
      const known: [number, number][] = [
        [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [-3, -0.9999779095030014],
        [Number.NaN, Number.NaN], [Infinity, 1], [-Infinity, -1], [0, 0], [-0, -0], [1e30, 1], [-1e30, -1], [6, 1], [-6.5, -1],
      ];
      const sweep = Array.from({ length: 131 }, (_, i) => -7 + (14 * i) / 130);
      const values = [...known.map(([x]) => x), ...sweep];
      const x = operand(backend(), random, [values.length], 'contiguous', () => (dtype === 'f32' ? Float32Array.from(values) : Float64Array.from(values)));
      const out = operand(backend(), random, [values.length], 'contiguous', (n) => randomArray(random, dtype, n), false);
      const expected = out.host.slice();
      unaryStrided('erf', [values.length], x.host, [1], 0, expected, [1], 0);
      known.forEach(([, value], i) => (Number.isNaN(value) ? expect(expected[i]).toBeNaN() : expect(expected[i]).toBeCloseTo(value, 6)));
      backend().kernels.unary('erf', x.view, out.view);
      await expectBuffer(backend(), out, expected, 'erf', ...tolerance(dtype));
      const data = await backend().read(out.view.buffer);
      known.forEach(([input, value], i) => {
        // Signs of zero, the exact ±1 far out, and NaN.
        if (value === 0 || Math.abs(value) === 1 || Number.isNaN(value)) expect(data[i], `erf(${input})`).toBe(value);
      });
    });
  }
  for (const dtype of FLOATS) {
    it(`gelu and geluDerivative (${dtype}) on special and far-out values, a long contiguous run included`, async () => {
      const random = new Random(12);
      // x·Φ(x) and Φ(x) + x·φ(x) by mpmath at 40 digits, then the specials and a sweep of [-14, 14].
      const known: [number, number, number][] = [
        [0, 0, 0.5], [-0, -0, 0.5], [1, 0.8413447460685429, 1.0833154705876864], [-1, -0.15865525393145705, -0.0833154705876863],
        [3, 2.99595030590511, 1.011945647204184], [-3, -0.0040496940948902835, -0.011945647204183927],
        [6, 5.999999994080474, 1.0000000354687095], [-6, -5.919525870226189e-9, -3.5468709453902015e-8],
        [10, 10, 1], [-10, -7.619853024160526e-23, -7.618400096464814e-22],
        [Infinity, Infinity, 1], [-Infinity, -0, 0], [Number.NaN, Number.NaN, Number.NaN], [1e30, 1e30, 1], [-1e30, -0, 0],
      ];
      const sweep = Array.from({ length: 141 }, (_, i) => -14 + (28 * i) / 140);
      const values = [...known.map(([x]) => x), ...sweep];
      const x = operand(backend(), random, [values.length], 'contiguous', () => (dtype === 'f32' ? Float32Array.from(values) : Float64Array.from(values)));
      for (const [op, column] of [['gelu', 1], ['geluDerivative', 2]] as const) {
        const out = operand(backend(), random, [values.length], 'contiguous', (n) => randomArray(random, dtype, n), false);
        const expected = out.host.slice();
        unaryStrided(op, [values.length], x.host, [1], 0, expected, [1], 0);
        known.forEach((row, i) => {
          const value = row[column];
          if (Number.isNaN(value)) expect(expected[i], `${op}(${row[0]})`).toBeNaN();
          else if (value === 0 || !Number.isFinite(value)) expect(expected[i], `${op}(${row[0]})`).toBe(value);
          else expect(Math.abs(expected[i] - value), `${op}(${row[0]})`).toBeLessThanOrEqual((dtype === 'f32' ? 1e-7 : 1e-15) * Math.abs(value));
        });
        backend().kernels.unary(op, x.view, out.view);
        await expectBuffer(backend(), out, expected, op, ...tolerance(dtype));
        const data = await backend().read(out.view.buffer);
        known.forEach((row, i) => {
          // Signs of zero, the saturated values and NaN exactly as the reference has them: no Infinity · 0.
          const value = row[column];
          if (value === 0 || !Number.isFinite(value) || Math.abs(row[0]) >= 1e30) expect(data[i], `${op}(${row[0]})`).toBe(expected[i]);
        });
      }
    });
  }
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

const whereBroadcast: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    for (const conditionType of ALL) {
      it(`selects (${dtype}) on long runs with an ${conditionType} condition, a scalar and a broadcast row`, async () => {
        const random = new Random(12);
        const shape = [3, 5, 37];
        const size = 3 * 5 * 37;
        // NaN selects a, -0 selects b, like any non-zero and zero.
        const conditionValues = (n: number) => {
          const values = randomArray(random, conditionType, n, 'ties');
          if (conditionType !== 'i32' && n > 3) values.set([Number.NaN, -0, 0], 0);
          return values;
        };
        const layouts = [
          // condition broadcast over the leading axis (a causal mask), a dense, b one scalar.
          { condition: { strides: [0, 37, 1], length: 5 * 37 }, a: { strides: [185, 37, 1], length: size }, b: { strides: [0, 0, 0], length: 1 } },
          // a one scalar, b a row broadcast over the two leading axes, condition dense.
          { condition: { strides: [185, 37, 1], length: size }, a: { strides: [0, 0, 0], length: 1 }, b: { strides: [0, 0, 1], length: 37 } },
          // every operand dense.
          { condition: { strides: [185, 37, 1], length: size }, a: { strides: [185, 37, 1], length: size }, b: { strides: [185, 37, 1], length: size } },
        ];
        for (const layout of layouts) {
          const condition = upload(backend(), conditionValues(layout.condition.length), { shape, ...layout.condition, offset: 0 });
          const a = upload(backend(), randomArray(random, dtype, layout.a.length), { shape, ...layout.a, offset: 0 });
          const b = upload(backend(), randomArray(random, dtype, layout.b.length), { shape, ...layout.b, offset: 0 });
          const out = upload(backend(), randomArray(random, dtype, size), { shape, strides: [185, 37, 1], offset: 0, length: size });
          const expected = out.host.slice();
          forEachIndex(shape, (index) => {
            const at = (strides: readonly number[]) => offsetOf(index, strides, 0);
            expected[at(out.layout.strides)] = condition.host[at(condition.layout.strides)] !== 0 ? a.host[at(a.layout.strides)] : b.host[at(b.layout.strides)];
          });
          backend().kernels.where(condition.view, a.view, b.view, out.view);
          await expectBuffer(backend(), out, expected, `b strides ${layout.b.strides.join(',')}`);
        }
      });
    }
  }
};

/** Suites of the element-wise kernels, keyed by kernel name. */
export const ELEMENTWISE_SUITES: Pick<Record<keyof Kernels, KernelSuite>, 'fill' | 'copy' | 'unary' | 'binary' | 'where'> = {
  fill,
  copy: (backend) => {
    copy(backend);
    copyIntoDense(backend);
  },
  unary,
  binary,
  where: (backend) => {
    where(backend);
    whereBroadcast(backend);
  },
};
