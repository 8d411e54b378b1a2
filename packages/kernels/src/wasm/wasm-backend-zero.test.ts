// alloc returns zero-filled buffers even when it reuses a freed block whose fill it defers until first use.
import { describe, expect, it } from 'vitest';
import type { View } from '../backend';
import { createWasmBackendSync } from './wasm-backend';
import type { WasmBuffer } from './wasm-buffer';

const backend = createWasmBackendSync();

/** A freed block of `size` f32 full of sevens, so that the next alloc of that size reuses it. */
function dirtyBlock(size: number): void {
  const buffer = backend.alloc('f32', size);
  backend.write(buffer, new Float32Array(size).fill(7));
  backend.free(buffer);
}

function whole(buffer: WasmBuffer, shape: number[]): View<WasmBuffer> {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, extent) => product * extent, 1));
  return { buffer, shape, strides, offset: 0 };
}

describe('wasm alloc zero fill of reused blocks', () => {
  it('reads zeros through view, read and partial writes', async () => {
    dirtyBlock(40);
    const viewed = backend.alloc('f32', 40);
    expect(Array.from(backend.view(viewed)).every((v) => v === 0)).toBe(true);
    dirtyBlock(40);
    const read = backend.alloc('f32', 40);
    expect(Array.from(await backend.read(read)).every((v) => v === 0)).toBe(true);
    dirtyBlock(40);
    const written = backend.alloc('f32', 40);
    backend.write(written, new Float32Array([1, 2]), 3);
    expect(Array.from(backend.view(written).slice(0, 6))).toEqual([0, 0, 0, 1, 2, 0]);
  });

  it('gives kernels that write part of a buffer, or accumulate, zeros elsewhere', () => {
    dirtyBlock(12);
    const partial = backend.alloc('f32', 12);
    backend.kernels.fill({ buffer: partial, shape: [2], strides: [1], offset: 5 }, 3);
    expect(Array.from(backend.view(partial))).toEqual([0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0]);
    dirtyBlock(12);
    const sums = backend.alloc('f32', 12);
    const updates = backend.alloc('f32', 2);
    backend.write(updates, new Float32Array([1, 2]));
    const index = backend.alloc('i32', 2);
    backend.write(index, new Int32Array([4, 4]));
    backend.kernels.scatterAdd(whole(updates, [2]), whole(index, [2]), 0, whole(sums, [12]));
    expect(Array.from(backend.view(sums))).toEqual([0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('lets an in-place kernel read zeros and a whole-buffer kernel overwrite without them', () => {
    dirtyBlock(20);
    const inPlace = backend.alloc('f32', 20);
    backend.kernels.unary('exp', whole(inPlace, [20]), whole(inPlace, [20]));
    expect(Array.from(backend.view(inPlace)).every((v) => v === 1)).toBe(true);
    const source = backend.alloc('f32', 20);
    backend.write(source, new Float32Array(20).fill(-2));
    dirtyBlock(20);
    const out = backend.alloc('f32', 20);
    backend.kernels.unary('abs', whole(source, [20]), whole(out, [20]));
    expect(Array.from(backend.view(out)).every((v) => v === 2)).toBe(true);
  });

  it('zero-fills the output of a kernel that fails', () => {
    dirtyBlock(6);
    const out = backend.alloc('f32', 6);
    const x = backend.alloc('f32', 4);
    expect(() => backend.kernels.unary('neg', whole(x, [4]), whole(out, [6]))).toThrow();
    expect(Array.from(backend.view(out))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
