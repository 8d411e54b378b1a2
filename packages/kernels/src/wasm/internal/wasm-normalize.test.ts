// The WASM normalisation paths are taken for dense views (and refused otherwise), and match the pure functions on
// sizes with SIMD tails: a batch-norm step of a small CNN and a layer norm of a transformer block.
import { describe, expect, it } from 'vitest';
import type { View } from '../../backend';
import type { FloatArray } from '../../dtype';
import { describeMismatch } from '../../internal/nd-naive';
import { normalizeBackward } from '../../norm/normalize-backward';
import { normalizeForward } from '../../norm/normalize-forward';
import { Random } from '../../random';
import { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { loadKernelsSync } from './wasm-module';
import { wasmNormalizeBackward, wasmNormalizeForward } from './wasm-normalize';

const { exports } = loadKernelsSync('wasm-normalize.test', { relaxed: false, shared: false });
const context = { exports } as WasmContext;
let next = Math.ceil(exports.heapBase() / 16) * 16;
const random = new Random(3);

/** A buffer of the module's memory holding `data` (a bump allocator: this test owns the memory). */
function put(data: FloatArray, shape: number[], strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((p, e) => p * e, 1))): View<WasmBuffer> {
  const bytes = data.length * data.BYTES_PER_ELEMENT;
  const needed = next + bytes - exports.memory.buffer.byteLength;
  if (needed > 0) exports.memory.grow(Math.ceil(needed / 65536));
  const buffer = new WasmBuffer(data instanceof Float32Array ? 'f32' : 'f64', data.length, next);
  next += Math.ceil(bytes / 16) * 16 + 16;
  contents(buffer).set(data);
  return { buffer, shape, strides, offset: 0 };
}

function contents(buffer: WasmBuffer): FloatArray {
  return buffer.dtype === 'f32' ? new Float32Array(exports.memory.buffer, buffer.byteOffset, buffer.size) : new Float64Array(exports.memory.buffer, buffer.byteOffset, buffer.size);
}

function randomValues(dtype: 'f32' | 'f64', length: number, shift = 0): FloatArray {
  const data = dtype === 'f32' ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = random.normal() * 2 + shift;
  return data;
}

const expectClose = (actual: FloatArray, expected: FloatArray, dtype: string, label: string): void =>
  expect(describeMismatch(actual, expected, dtype === 'f32' ? 2e-5 : 1e-10, dtype === 'f32' ? 1e-6 : 1e-12), label).toBeNull();

describe('wasm normalisation kernels', () => {
  const layouts: [number, number, number][] = [[16, 8, 196], [1, 64, 768], [32, 24, 1], [3, 5, 7]];
  for (const dtype of ['f32', 'f64'] as const) {
    for (const [outer, channels, inner] of layouts) {
      it(`forward and backward of ${outer}x${channels}x${inner} (${dtype}) run in WASM and match the pure functions`, () => {
        const size = outer * channels * inner;
        const x = randomValues(dtype, size, 3);
        const [weight, bias] = [randomValues(dtype, channels), randomValues(dtype, channels)];
        const expected = [size, size, channels, channels, channels].map((n) => (dtype === 'f32' ? new Float32Array(n) : new Float64Array(n)));
        normalizeForward(outer, channels, inner, 1e-5, x, weight, bias, expected[0]!, expected[1]!, expected[2]!, expected[3]!, expected[4]!);
        const shape = [outer, channels, inner];
        const views = [put(x, shape), put(weight, [channels]), put(bias, [channels])];
        const outputs = expected.map((array, index) => put(array.map(() => 0), index < 2 ? shape : [channels]));
        const [out, normalized, mean, variance, inverseStd] = outputs as [View<WasmBuffer>, View<WasmBuffer>, View<WasmBuffer>, View<WasmBuffer>, View<WasmBuffer>];
        const ran = wasmNormalizeForward(context, { x: views[0]!, weight: views[1]!, bias: views[2]!, out, normalized, mean, variance, inverseStd }, 1e-5);
        expect(ran).toBe(true);
        outputs.forEach((view, index) => expectClose(contents(view.buffer), expected[index]!, dtype, `forward output ${index}`));

        const grad = randomValues(dtype, size);
        const scale = randomValues(dtype, channels);
        const backward = [size, channels, channels].map((n) => (dtype === 'f32' ? new Float32Array(n) : new Float64Array(n)));
        normalizeBackward(outer, channels, inner, grad, expected[1]!, scale, backward[0]!, backward[1]!, backward[2]!);
        const sums = [put(backward[1]!.map(() => 0), [channels]), put(backward[2]!.map(() => 0), [channels])];
        const dx = put(backward[0]!.map(() => 0), shape);
        expect(wasmNormalizeBackward(context, { grad: put(grad, shape), normalized, scale: put(scale, [channels]), out: dx, gradSum: sums[0]!, gradNormalizedSum: sums[1]! })).toBe(true);
        [dx, ...sums].forEach((view, index) => expectClose(contents(view.buffer), backward[index]!, dtype, `backward output ${index}`));
      });
    }
  }

  it('refuses strided or mixed-dtype views, leaving them to the JS kernel', () => {
    const x = put(new Float32Array(24), [2, 3, 4]);
    const channel = (): View<WasmBuffer> => put(new Float32Array(3), [3]);
    const strided = put(new Float32Array(48), [2, 3, 4], [24, 8, 2]);
    expect(wasmNormalizeForward(context, { x: strided, weight: null, bias: null, out: x, normalized: null, mean: channel(), variance: channel(), inverseStd: channel() }, 0)).toBe(false);
    const f64 = put(new Float64Array(3), [3]);
    expect(wasmNormalizeForward(context, { x, weight: f64, bias: null, out: x, normalized: null, mean: channel(), variance: channel(), inverseStd: channel() }, 0)).toBe(false);
    expect(wasmNormalizeBackward(context, { grad: x, normalized: strided, scale: channel(), out: x, gradSum: channel(), gradNormalizedSum: channel() })).toBe(false);
  });
});
