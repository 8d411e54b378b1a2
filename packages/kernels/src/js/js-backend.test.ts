import { describe, expect, it } from 'vitest';
import type { Backend, DeviceBuffer, View } from '../backend';
import { BackendError, DTypeError, ShapeError } from '../errors';
import { describeBackendConformance } from '../testing/describe-backend-conformance';
import { createJsBackend } from './js-backend';
import { JsBuffer } from './js-buffer';

describeBackendConformance('js', () => createJsBackend());

const foreign: DeviceBuffer = { dtype: 'f32', size: 4, backend: 'wasm' };

function view(buffer: DeviceBuffer, shape: number[], strides?: number[], offset = 0): View {
  const defaultStrides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  return { buffer, shape, strides: strides ?? defaultStrides, offset };
}

describe('createJsBackend', () => {
  // Typed as the generic contract, so foreign buffers can be passed in as autograd could.
  const backend: Backend = createJsBackend();

  it('allocates zero-filled typed arrays of each dtype', () => {
    const buffer = backend.alloc('i32', 3);
    expect(buffer).toBeInstanceOf(JsBuffer);
    expect(buffer.backend).toBe('js');
    expect(buffer.size).toBe(3);
    expect(backend.view(buffer)).toEqual(new Int32Array(3));
    expect(backend.view(backend.alloc('f64', 2))).toBeInstanceOf(Float64Array);
    expect(() => backend.alloc('f32', -1)).toThrow(ShapeError);
  });

  it('writes with dtype and length checks, at an offset', () => {
    const buffer = backend.alloc('f32', 4);
    backend.write(buffer, new Float32Array([1, 2]), 1);
    expect(Array.from(backend.view(buffer))).toEqual([0, 1, 2, 0]);
    expect(() => backend.write(buffer, new Float64Array(2))).toThrow(DTypeError);
    expect(() => backend.write(buffer, new Float64Array(2))).toThrow('js: write of f64 data into a f32 buffer');
    expect(() => backend.write(buffer, new Float32Array(3), 2)).toThrow(ShapeError);
    expect(() => backend.write(buffer, new Float32Array(3), 2)).toThrow(/^js: write of 3 elements at offset 2/);
    expect(() => backend.write(buffer, new Float32Array(1), -1)).toThrow(ShapeError);
  });

  it('returns a live view and resolves reads to a copy', async () => {
    const buffer = backend.alloc('f64', 2);
    const live = backend.view(buffer);
    live[0] = 5;
    const copy = await backend.read(buffer);
    expect(Array.from(copy)).toEqual([5, 0]);
    copy[1] = 9;
    expect(backend.view(buffer)[1]).toBe(0);
    backend.kernels.fill(view(buffer, [2]), 3);
    expect(Array.from(live)).toEqual([3, 3]);
    backend.free(buffer);
  });

  it('rejects buffers of other backends everywhere', async () => {
    const own = backend.alloc('f32', 4);
    expect(() => backend.kernels.unary('exp', view(foreign, [4]), view(own, [4]))).toThrow(BackendError);
    expect(() => backend.kernels.unary('exp', view(foreign, [4]), view(own, [4]))).toThrow(
      "js: buffer from backend 'wasm' passed to unary as x",
    );
    expect(() => backend.kernels.binary('add', view(own, [4]), view(own, [4]), view(foreign, [4]))).toThrow(/as out$/);
    expect(() => backend.view(foreign)).toThrow(BackendError);
    expect(() => backend.write(foreign, new Float32Array(1))).toThrow(BackendError);
    expect(() => backend.free(foreign)).toThrow(BackendError);
    await expect(backend.read(foreign)).rejects.toThrow(BackendError);
  });

  it('names the kernel and the shapes when views disagree', () => {
    const a = backend.alloc('f32', 6);
    const b = backend.alloc('f32', 6);
    expect(() => backend.kernels.binary('add', view(a, [2, 3]), view(b, [3, 2]), view(a, [2, 3]))).toThrow(
      'binary: shapes differ (a 2x3, b 3x2, out 2x3)',
    );
    expect(() => backend.kernels.copy(view(a, [6]), view(b, [2, 3]))).toThrow('copy: shapes differ (x 6, out 2x3)');
    expect(() => backend.kernels.where(view(a, [6]), view(a, [6]), view(b, [6]), view(b, [1]))).toThrow(/^where: shapes differ/);
    expect(() => backend.kernels.reduce('sum', view(a, [2, 3]), [0], view(b, [3]))).toThrow(
      'reduce: out has shape 3, expected 1x3 (x 2x3, axes [0])',
    );
    expect(() => backend.kernels.argReduce('argmax', view(a, [2, 3]), -1, view(b, [2, 3]))).toThrow(/^argReduce: out has shape 2x3, expected 2x1/);
    const empty = backend.alloc('f32', 0);
    expect(() => backend.kernels.reduce('max', view(empty, [2, 0]), [1], view(b, [2, 1]))).toThrow(
      'reduce: max of an empty axis (axis 1 of 2x0)',
    );
    expect(() => backend.kernels.argReduce('argmin', view(empty, [0, 2]), 0, view(b, [1, 2]))).toThrow(
      'argReduce: argmin of an empty axis (axis 0 of 0x2)',
    );
    expect(() => backend.kernels.matmul(view(a, [2, 3]), view(b, [2, 3]), view(a, [2, 3]))).toThrow(
      'matmul: shapes do not match (a 2x3 @ b 2x3 -> out 2x3)',
    );
    expect(() => backend.kernels.matmul(view(a, [6]), view(b, [6]), view(a, [6]))).toThrow(/^matmul: shapes do not match/);
    const index = backend.alloc('i32', 6);
    expect(() => backend.kernels.gather(view(a, [2, 3]), view(index, [3, 2]), 1, view(b, [2, 3]))).toThrow(/^gather: shapes differ/);
    expect(() => backend.kernels.scatterAdd(view(a, [2, 3]), view(index, [6]), 1, view(b, [2, 3]))).toThrow(/^scatterAdd: shapes differ/);
    const geometry = {
      channels: 1, height: 2, width: 3, kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1,
      padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
    };
    expect(() => backend.kernels.im2col(view(a, [1, 1, 3, 2]), geometry, view(b, [1, 1, 6]), 0)).toThrow(/^im2col: shapes do not match/);
    expect(() => backend.kernels.col2im(view(a, [1, 1, 5]), geometry, view(b, [1, 1, 2, 3]))).toThrow(/^col2im: shapes do not match/);
  });

  it('requires i32 indices and float matmul operands', () => {
    const x = backend.alloc('f32', 3);
    const index = backend.alloc('f32', 3);
    expect(() => backend.kernels.gather(view(x, [3]), view(index, [3]), 0, view(x, [3]))).toThrow(DTypeError);
    expect(() => backend.kernels.gather(view(x, [3]), view(index, [3]), 0, view(x, [3]))).toThrow('gather: index must be i32 (got f32)');
    const ints = backend.alloc('i32', 4);
    expect(() => backend.kernels.matmul(view(ints, [2, 2]), view(ints, [2, 2]), view(ints, [2, 2]))).toThrow(DTypeError);
  });

  it('rejects views that overrun their buffers and out-of-range indices before writing', () => {
    const x = backend.alloc('f64', 4);
    const out = backend.alloc('f64', 4);
    backend.write(out, new Float64Array([7, 7, 7, 7]));
    expect(() => backend.kernels.unary('exp', view(x, [4], [1], 1), view(out, [4]))).toThrow(/^unaryStrided: x/);
    const index = backend.alloc('i32', 4);
    backend.write(index, new Int32Array([0, 1, 4, 0]));
    expect(() => backend.kernels.gather(view(x, [4]), view(index, [4]), 0, view(out, [4]))).toThrow(BackendError);
    expect(() => backend.kernels.scatterAdd(view(x, [4]), view(index, [4]), 0, view(out, [4]))).toThrow(
      'scatterAddStrided: index 4 is out of range for axis 0 of extent 4',
    );
    expect(Array.from(backend.view(out))).toEqual([7, 7, 7, 7]);
  });
});
