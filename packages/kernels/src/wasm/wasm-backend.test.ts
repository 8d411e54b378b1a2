import { describe, expect, it } from 'vitest';
import type { Backend, DeviceBuffer, View } from '../backend';
import { BackendError, DTypeError, ShapeError } from '../errors';
import { describeBackendConformance } from '../testing/describe-backend-conformance';
import { createWasmBackend, createWasmBackendSync } from './wasm-backend';
import { WasmBuffer } from './wasm-buffer';
import { wasmSimdSupported } from './wasm-simd-supported';

describeBackendConformance('wasm', () => createWasmBackend());

function view(buffer: DeviceBuffer, shape: number[], strides?: number[], offset = 0): View {
  const defaultStrides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  return { buffer, shape, strides: strides ?? defaultStrides, offset };
}

describe('createWasmBackend', () => {
  it('detects SIMD support', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  it('allocates zero-filled, aligned buffers and reuses freed blocks zeroed', async () => {
    const backend = await createWasmBackend();
    const a = backend.alloc('f32', 5);
    expect(a).toBeInstanceOf(WasmBuffer);
    expect(a.backend).toBe('wasm');
    expect(a.byteOffset % 64).toBe(0);
    expect(Array.from(backend.view(a))).toEqual([0, 0, 0, 0, 0]);
    backend.write(a, new Float32Array([1, 2, 3, 4, 5]));
    backend.free(a);
    const b = backend.alloc('i32', 3);
    expect(b.byteOffset).toBe(a.byteOffset);
    expect(Array.from(backend.view(b))).toEqual([0, 0, 0]);
    expect(() => backend.alloc('f64', -1)).toThrow(ShapeError);
    expect(backend.alloc('f64', 0).size).toBe(0);
  });

  it('keeps data across memory growth and re-takes views', async () => {
    const backend = createWasmBackendSync();
    const small = backend.alloc('f64', 3);
    backend.write(small, new Float64Array([1, 2, 3]));
    const before = backend.view(small);
    const big = backend.alloc('f32', 8_000_000);
    expect(before.length).toBe(0); // detached by the growth
    expect(Array.from(backend.view(small))).toEqual([1, 2, 3]);
    expect(backend.view(big).length).toBe(8_000_000);
    expect(Array.from(await backend.read(small))).toEqual([1, 2, 3]);
  });

  it('writes with dtype and length checks, at an offset', async () => {
    const backend = await createWasmBackend();
    const buffer = backend.alloc('f32', 4);
    backend.write(buffer, new Float32Array([1, 2]), 1);
    expect(Array.from(backend.view(buffer))).toEqual([0, 1, 2, 0]);
    expect(() => backend.write(buffer, new Float64Array(2))).toThrow('wasm: write of f64 data into a f32 buffer');
    expect(() => backend.write(buffer, new Float32Array(3), 2)).toThrow(/^wasm: write of 3 elements at offset 2/);
  });

  it('rejects foreign, freed and other-instance buffers', async () => {
    const backend: Backend = await createWasmBackend();
    const other: Backend = await createWasmBackend();
    const foreign: DeviceBuffer = { dtype: 'f32', size: 4, backend: 'js' };
    const own = backend.alloc('f32', 4);
    expect(() => backend.kernels.unary('exp', view(foreign, [4]), view(own, [4]))).toThrow(
      "wasm: buffer from backend 'js' passed to unary as x",
    );
    expect(() => backend.kernels.matmul(view(own, [2, 2]), view(own, [2, 2]), view(foreign, [2, 2]))).toThrow(BackendError);
    expect(() => other.view(own)).toThrow(/belongs to another wasm backend/);
    backend.free(own);
    expect(() => backend.view(own)).toThrow(BackendError);
    await expect(backend.read(own)).rejects.toThrow(BackendError);
  });

  it('reports shape and dtype errors like the JS backend', async () => {
    const backend: Backend = await createWasmBackend();
    const a = backend.alloc('f32', 6);
    const b = backend.alloc('f32', 6);
    expect(() => backend.kernels.binary('add', view(a, [2, 3]), view(b, [3, 2]), view(a, [2, 3]))).toThrow(
      'binary: shapes differ (a 2x3, b 3x2, out 2x3)',
    );
    expect(() => backend.kernels.matmul(view(a, [2, 3]), view(b, [2, 3]), view(a, [2, 3]))).toThrow(
      'matmul: shapes do not match (a 2x3 @ b 2x3 -> out 2x3)',
    );
    const ints = backend.alloc('i32', 4);
    expect(() => backend.kernels.matmul(view(ints, [2, 2]), view(ints, [2, 2]), view(ints, [2, 2]))).toThrow(DTypeError);
    expect(() => backend.kernels.unary('neg', view(a, [6], [1], 1), view(b, [6]))).toThrow(/^unaryStrided: x/);
  });
});
