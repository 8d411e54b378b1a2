// Conformance suite of maxPoolIndex: ties, NaN, infinities, padding, overlapping and dilated windows, strided images.
import { expect, it } from 'vitest';
import type { ConvGeometry, Kernels } from '../backend';
import { maxPoolIndex as referenceMaxPoolIndex } from '../conv/max-pool-index';
import type { FloatDType } from '../dtype';
import { randomArray } from '../internal/nd-layout';
import { Random } from '../random';
import { expectBuffer, INPUT_KINDS, operand, upload, type KernelSuite } from './conformance-context';

const FLOATS: FloatDType[] = ['f32', 'f64'];

/** Unit fields of a geometry, overridden per case. */
const BASE: ConvGeometry = {
  channels: 1, height: 4, width: 4, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
  padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
};

const POOL_GEOMETRIES: ConvGeometry[] = [
  // Plain 2x2 pooling with stride 2 (the MNIST case), and an odd width that drops the last column.
  { ...BASE, channels: 3, height: 6, width: 7 },
  // Overlapping windows (stride < kernel) with padding on every side.
  { ...BASE, channels: 2, height: 5, width: 6, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 2, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 },
  // Dilated, asymmetric windows and padding.
  { ...BASE, height: 7, width: 5, kernelHeight: 2, kernelWidth: 3, strideHeight: 2, strideWidth: 1, padTop: 1, padRight: 1, dilationHeight: 2, dilationWidth: 2 },
  // Windows larger than half the input, one window row.
  { ...BASE, channels: 2, height: 3, width: 3, kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 1 },
  // Wide rows, so a backend that handles several windows at once (WASM's f32x4) meets full runs and ragged ends:
  // stride 2, stride 1 with side padding, and stride 3 with dilation.
  { ...BASE, channels: 2, height: 5, width: 21 },
  { ...BASE, height: 4, width: 13, kernelWidth: 3, strideHeight: 1, strideWidth: 1, padLeft: 1, padRight: 1 },
  { ...BASE, height: 6, width: 17, strideHeight: 1, strideWidth: 3, padLeft: 1, dilationWidth: 2 },
];

function positions(g: ConvGeometry): number {
  const oh = Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1;
  const ow = Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1;
  return oh * ow;
}

/** Small integers (many ties) with NaN, +Infinity and -Infinity sprinkled in. */
function awkward(random: Random, dtype: FloatDType, length: number): Float32Array | Float64Array {
  const values = randomArray(random, dtype, length, 'ties');
  const specials = [NaN, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < length; i++) if (random.uniform() < 0.15) values[i] = specials[random.integer(specials.length)]!;
  return values;
}

const maxPoolIndex: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    it(`finds the first maximum of every window on every image layout, ties, NaN and infinities included (${dtype})`, async () => {
      const random = new Random(17);
      for (const geometry of POOL_GEOMETRIES) {
        for (const kind of INPUT_KINDS) {
          for (const values of ['ties', 'awkward', 'allNegativeInfinity'] as const) {
            const batch = 1 + random.integer(3);
            const fill = (n: number): Float32Array | Float64Array =>
              values === 'ties' ? randomArray(random, dtype, n, 'ties') : values === 'awkward' ? awkward(random, dtype, n) : randomArray(random, dtype, n).fill(-Infinity);
            const x = operand(backend(), random, [batch, geometry.channels, geometry.height, geometry.width], kind, fill);
            // A dense output inside a larger buffer: the elements around it must stay untouched.
            const count = batch * geometry.channels * positions(geometry);
            const lead = random.integer(4);
            const host = new Int32Array(lead + count + random.integer(3)).fill(-5);
            const out = upload(backend(), host, { shape: [batch, geometry.channels, positions(geometry)], strides: [geometry.channels * positions(geometry), positions(geometry), 1], offset: lead, length: host.length });
            const expected = host.slice();
            referenceMaxPoolIndex(batch, geometry, x.host, x.layout.strides, x.layout.offset, expected, lead);
            backend().kernels.maxPoolIndex(x.view, geometry, out.view);
            await expectBuffer(backend(), out, expected, `${kind} ${values} batch ${batch} ${geometry.kernelHeight}x${geometry.kernelWidth}`);
          }
        }
      }
    });
  }
  it('rejects a window that lies entirely in the padding, and an i32 image', () => {
    const random = new Random(18);
    const g = { ...BASE, height: 1, width: 4, kernelHeight: 2, kernelWidth: 2, strideHeight: 1, padTop: 1, padBottom: 1, dilationHeight: 2 };
    const x = operand(backend(), random, [1, 1, 1, 4], 'contiguous', (n) => randomArray(random, 'f32', n));
    const out = operand(backend(), random, [1, 1, 2], 'contiguous', (n) => new Int32Array(n), false);
    expect(() => backend().kernels.maxPoolIndex(x.view, g, out.view)).toThrow(/^maxPoolIndex: /);
    const ints = operand(backend(), random, [1, 1, 4, 4], 'contiguous', (n) => new Int32Array(n));
    const pooled = operand(backend(), random, [1, 1, 4], 'contiguous', (n) => new Int32Array(n), false);
    expect(() => backend().kernels.maxPoolIndex(ints.view, BASE, pooled.view)).toThrow(/^maxPoolIndex: /);
  });
};

/** The suite of the pooling kernel, keyed by kernel name. */
export const POOLING_SUITES: Pick<Record<keyof Kernels, KernelSuite>, 'maxPoolIndex'> = { maxPoolIndex };
