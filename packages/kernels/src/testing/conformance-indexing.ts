// Conformance suites of matmul, gather, scatterAdd, im2col and col2im.
import { expect, it } from 'vitest';
import type { Backend, ConvGeometry, Kernels } from '../backend';
import type { FloatDType } from '../dtype';
import { randomArray } from '../internal/nd-layout';
import { Random } from '../random';
import { col2imStrided } from '../strided/col2im-strided';
import { gatherStrided } from '../strided/gather-strided';
import { im2colStrided } from '../strided/im2col-strided';
import { matmulStrided } from '../strided/matmul-strided';
import { scatterAddStrided } from '../strided/scatter-add-strided';
import { expectBuffer, INPUT_KINDS, operand, OUTPUT_KINDS, upload, type KernelSuite, type Operand } from './conformance-context';

const FLOATS: FloatDType[] = ['f32', 'f64'];

const MATMUL_CASES: [number[], number, number, number][] = [
  [[], 3, 4, 5],
  [[], 1, 9, 1],
  [[], 6, 1, 4],
  [[], 4, 0, 3],
  [[2], 3, 5, 2],
  [[3, 2], 2, 3, 4],
  [[2, 1, 3], 4, 2, 3],
  [[], 33, 17, 20],
];

const matmul: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`multiplies batched matrices on every layout, batch broadcast included (${dtype})`, async () => {
      const random = new Random(11);
      for (const [batch, m, k, n] of MATMUL_CASES) {
        for (const kind of OUTPUT_KINDS) {
          // Inputs broadcast over the leading batch axis half the time.
          const broadcastBatch = batch.length > 0 && random.uniform() < 0.5;
          const values = (length: number) => randomArray(random, dtype, length);
          const a = operand(backend(), random, [...batch, m, k], kind, values, false);
          const b = operand(backend(), random, [...batch, k, n], broadcastBatch ? 'transposed' : kind, values, false);
          const bView = broadcastBatch ? { ...b.view, strides: b.view.strides.map((s, axis) => (axis === 0 ? 0 : s)) } : b.view;
          const out = operand(backend(), random, [...batch, m, n], OUTPUT_KINDS[random.integer(OUTPUT_KINDS.length)], values, false);
          const expected = out.host.slice();
          matmulStrided(batch, m, k, n, a.host, a.layout.strides, a.layout.offset, b.host, bView.strides, b.layout.offset, expected, out.layout.strides, out.layout.offset);
          backend().kernels.matmul(a.view, bView, out.view);
          const [rtol, atol] = dtype === 'f32' ? [1e-4, 1e-5 * Math.max(1, k)] : [1e-11, 1e-12 * Math.max(1, k)];
          await expectBuffer(backend(), out, expected, `${kind} ${batch.join('x')}|${m}x${k}x${n}`, rtol, atol);
        }
      }
    });
  }
};

const X_SHAPES = [[6], [3, 4], [2, 3, 4], [4, 1, 3]];

/** (x shape, axis, index extent along it): rows of 1, odd, vector-sized and ragged widths, with and without outer axes. */
const ROW_CASES: [number[], number, number][] = [[[5, 1], 0, 7], [[4, 13], 0, 9], [[6, 8], 0, 3], [[3, 5, 9], 1, 6], [[2, 4, 2, 3], 1, 5]];

/** A dense (x shape up to axis) i32 index broadcast with stride 0 over the axes after `axis`, as embedding builds it. */
function rowIndex(backend: () => Backend, random: Random, shape: number[], axis: number, extent: number): Operand<Int32Array> {
  const leading = shape.slice(0, axis + 1);
  const host = new Int32Array(leading.reduce((product, size) => product * size, 1)).map(() => random.integer(extent));
  const strides = shape.map(() => 0);
  let step = 1;
  for (let d = axis; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d] as number;
  }
  return upload(backend(), host, { shape, strides, offset: 0, length: host.length });
}

/** Runs gather on the backend and compares the whole out buffer with the strided reference. */
async function expectGather(backend: Backend, x: Operand, index: Operand<Int32Array>, out: Operand, axis: number, label: string): Promise<void> {
  const expected = out.host.slice();
  gatherStrided(
    out.layout.shape, axis,
    x.layout.shape, x.host, x.layout.strides, x.layout.offset,
    index.host, index.layout.strides, index.layout.offset,
    expected, out.layout.strides, out.layout.offset,
  );
  backend.kernels.gather(x.view, index.view, axis, out.view);
  await expectBuffer(backend, out, expected, label);
}

/** Runs scatterAdd on the backend and compares the whole out buffer with the strided reference. */
async function expectScatterAdd(
  backend: Backend, updates: Operand, index: Operand<Int32Array>, out: Operand, axis: number, label: string, dtype: FloatDType,
): Promise<void> {
  const expected = out.host.slice();
  scatterAddStrided(
    updates.layout.shape, axis,
    updates.host, updates.layout.strides, updates.layout.offset,
    index.host, index.layout.strides, index.layout.offset,
    out.layout.shape, expected, out.layout.strides, out.layout.offset,
  );
  backend.kernels.scatterAdd(updates.view, index.view, axis, out.view);
  const [rtol, atol] = dtype === 'f32' ? [1e-5, 1e-5] : [1e-12, 1e-12];
  await expectBuffer(backend, out, expected, label, rtol, atol);
}

const gather: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`gathers along every axis on every layout (${dtype})`, async () => {
      const random = new Random(12);
      for (const xShape of X_SHAPES) {
        for (const kind of INPUT_KINDS) {
          for (let axis = 0; axis < xShape.length; axis++) {
            const shape = xShape.map((extent, d) => (d === axis ? random.integer(5) : 1 + random.integer(extent)));
            const x = operand(backend(), random, xShape, kind, (n) => randomArray(random, dtype, n));
            const index = operand(backend(), random, shape, kind, (n) => new Int32Array(n).map(() => random.integer(xShape[axis])));
            const out = operand(backend(), random, shape, kind === 'broadcast' ? 'transposed' : kind, (n) => randomArray(random, dtype, n), false);
            await expectGather(backend(), x, index, out, axis, `${kind} x ${xShape.join('x')} index ${shape.join('x')} axis ${axis}`);
          }
        }
      }
    });
  }
  for (const dtype of FLOATS) {
    it(`gathers whole rows with an index broadcast along the inner axes (${dtype})`, async () => {
      const random = new Random(15);
      for (const [xShape, axis, extent] of ROW_CASES) {
        const shape = xShape.map((size, d) => (d === axis ? extent : size));
        const x = operand(backend(), random, xShape, 'contiguous', (n) => randomArray(random, dtype, n));
        const index = rowIndex(backend, random, shape, axis, xShape[axis] as number);
        const out = operand(backend(), random, shape, 'contiguous', (n) => randomArray(random, dtype, n), false);
        await expectGather(backend(), x, index, out, axis, `rows x ${xShape.join('x')} index ${shape.join('x')} axis ${axis}`);
      }
    });
  }
  it('rejects an out-of-range index', () => {
    const random = new Random(13);
    const x = operand(backend(), random, [3], 'contiguous', () => new Float32Array(3));
    const index = operand(backend(), random, [2], 'contiguous', () => new Int32Array([0, 3]));
    const out = operand(backend(), random, [2], 'contiguous', () => new Float32Array(2), false);
    expect(() => backend().kernels.gather(x.view, index.view, 0, out.view)).toThrow(/3/);
    // Past the first vector of indices, and negative ones, on a WASM-sized dense run.
    for (const bad of [3, -1]) {
      const long = operand(backend(), random, [9], 'contiguous', () => new Int32Array([0, 1, 2, 0, 1, bad, 2, 0, 1]));
      const wide = operand(backend(), random, [9], 'contiguous', () => new Float32Array(9), false);
      expect(() => backend().kernels.gather(x.view, long.view, 0, wide.view)).toThrow(new RegExp(String(bad)));
    }
  });
};

const scatterAdd: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`adds along every axis on every layout, repeated indices accumulating (${dtype})`, async () => {
      const random = new Random(14);
      for (const outShape of X_SHAPES) {
        for (const kind of INPUT_KINDS) {
          for (let axis = 0; axis < outShape.length; axis++) {
            const shape = outShape.map((extent, d) => (d === axis ? random.integer(7) : 1 + random.integer(extent)));
            const updates = operand(backend(), random, shape, kind, (n) => randomArray(random, dtype, n));
            const index = operand(backend(), random, shape, kind, (n) => new Int32Array(n).map(() => random.integer(outShape[axis])));
            const out = operand(backend(), random, outShape, kind === 'broadcast' ? 'negative' : kind, (n) => randomArray(random, dtype, n), false);
            await expectScatterAdd(backend(), updates, index, out, axis, `${kind} out ${outShape.join('x')} index ${shape.join('x')} axis ${axis}`, dtype);
          }
        }
      }
    });
  }
};

const scatterAddRows: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`adds whole rows with an index broadcast along the inner axes, repeats accumulating (${dtype})`, async () => {
      const random = new Random(16);
      for (const [outShape, axis, extent] of ROW_CASES) {
        const shape = outShape.map((size, d) => (d === axis ? extent : size));
        const updates = operand(backend(), random, shape, 'contiguous', (n) => randomArray(random, dtype, n));
        const index = rowIndex(backend, random, shape, axis, outShape[axis] as number);
        const out = operand(backend(), random, outShape, 'contiguous', (n) => randomArray(random, dtype, n), false);
        await expectScatterAdd(backend(), updates, index, out, axis, `rows out ${outShape.join('x')} index ${shape.join('x')} axis ${axis}`, dtype);
      }
    });
  }
};

const GEOMETRIES: ConvGeometry[] = [
  { channels: 2, height: 5, width: 4, kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 2, padTop: 1, padBottom: 0, padLeft: 1, padRight: 1, dilationHeight: 1, dilationWidth: 1 },
  { channels: 1, height: 6, width: 7, kernelHeight: 2, kernelWidth: 3, strideHeight: 2, strideWidth: 1, padTop: 0, padBottom: 2, padLeft: 0, padRight: 0, dilationHeight: 2, dilationWidth: 1 },
  { channels: 3, height: 4, width: 4, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, dilationHeight: 1, dilationWidth: 1 },
];

function columnsShape(batch: number, g: ConvGeometry): number[] {
  const oh = Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1;
  const ow = Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1;
  return [batch, g.channels * g.kernelHeight * g.kernelWidth, oh * ow];
}

const im2col: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`unfolds images on every layout, zero and -Infinity padding (${dtype})`, async () => {
      const random = new Random(15);
      for (const geometry of GEOMETRIES) {
        for (const kind of OUTPUT_KINDS) {
          const batch = 1 + random.integer(3);
          const padValue = random.uniform() < 0.5 ? 0 : -Infinity;
          const x = operand(backend(), random, [batch, geometry.channels, geometry.height, geometry.width], kind, (n) => randomArray(random, dtype, n), false);
          const out = operand(backend(), random, columnsShape(batch, geometry), OUTPUT_KINDS[random.integer(OUTPUT_KINDS.length)], (n) => randomArray(random, dtype, n), false);
          const expected = out.host.slice();
          im2colStrided(batch, geometry, x.host, x.layout.strides, x.layout.offset, expected, out.layout.strides, out.layout.offset, padValue);
          backend().kernels.im2col(x.view, geometry, out.view, padValue);
          await expectBuffer(backend(), out, expected, `${kind} batch ${batch}`);
        }
      }
    });
  }
};

const col2im: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`folds columns back on every layout, summing overlaps (${dtype})`, async () => {
      const random = new Random(16);
      const [rtol, atol] = dtype === 'f32' ? [1e-5, 1e-5] : [1e-12, 1e-12];
      for (const geometry of GEOMETRIES) {
        for (const kind of OUTPUT_KINDS) {
          const batch = 1 + random.integer(3);
          const columns = operand(backend(), random, columnsShape(batch, geometry), kind, (n) => randomArray(random, dtype, n), false);
          const out = operand(backend(), random, [batch, geometry.channels, geometry.height, geometry.width], OUTPUT_KINDS[random.integer(OUTPUT_KINDS.length)], (n) => randomArray(random, dtype, n), false);
          const expected = out.host.slice();
          col2imStrided(batch, geometry, columns.host, columns.layout.strides, columns.layout.offset, expected, out.layout.strides, out.layout.offset);
          backend().kernels.col2im(columns.view, geometry, out.view);
          await expectBuffer(backend(), out, expected, `${kind} batch ${batch}`, rtol, atol);
        }
      }
    });
  }
};

/** Suites of the matrix, indexing and convolution kernels, keyed by kernel name. */
export const INDEXING_SUITES: Pick<Record<keyof Kernels, KernelSuite>, 'matmul' | 'gather' | 'scatterAdd' | 'im2col' | 'col2im'> = {
  matmul,
  gather,
  scatterAdd: (backend) => {
    scatterAdd(backend);
    scatterAddRows(backend);
  },
  im2col,
  col2im,
};
