import { describe, expect, it } from 'vitest';
import { sizeClass, WasmHeap } from './wasm-heap';

describe('WasmHeap', () => {
  it('rounds sizes to classes', () => {
    expect(sizeClass(0)).toBe(64);
    expect(sizeClass(65)).toBe(128);
    expect(sizeClass(65536)).toBe(65536);
    expect(sizeClass(65537)).toBe(131072);
    expect(sizeClass(200000)).toBe(262144);
  });

  it('bumps, grows, and reuses released blocks zero-filled', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new WasmHeap(memory, 100);
    const first = heap.allocate(10);
    expect(first).toBe(128);
    const second = heap.allocate(100_000);
    expect(second).toBe(192);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(192 + 131072);
    new Uint8Array(memory.buffer, first, 64).fill(7);
    heap.release(first, 10);
    expect(heap.allocate(64)).toBe(first);
    expect(Array.from(new Uint8Array(memory.buffer, first, 64)).every((byte) => byte === 0)).toBe(true);
    expect(heap.highWater).toBe(192 + 131072);
  });

  it('reports running out of memory with the usual cause', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 0);
    expect(() => heap.allocate(200_000)).toThrow(
      /^wasm: out of memory allocating 200000 bytes \(memory\.grow by \d+ pages failed\); dead tensors are reclaimed between event-loop turns/,
    );
  });
});
