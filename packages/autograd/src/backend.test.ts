import { BackendError, createJsBackend, type Backend } from '@nanograd/kernels';
import { describe, expect, it } from 'vitest';
import { getBackend, setBackend, withBackend } from './backend';

describe('backend selection', () => {
  it('defaults to the JS reference backend and keeps one instance', () => {
    expect(getBackend().name).toBe('js');
    expect(getBackend()).toBe(getBackend());
  });

  it('switches and restores backends', () => {
    const original = getBackend();
    const other = createJsBackend();
    expect(setBackend(other)).toBe(original);
    expect(getBackend()).toBe(other);
    expect(setBackend(original)).toBe(other);
    expect(withBackend(other, () => getBackend())).toBe(other);
    expect(getBackend()).toBe(original);
    expect(() => withBackend(other, () => { throw new Error('boom'); })).toThrow('boom');
    expect(getBackend()).toBe(original);
  });

  it('rejects objects that are not complete backends, naming what is missing', () => {
    const base = createJsBackend();
    const kernels = { ...base.kernels, matmul: undefined };
    const partial = {
      name: 'partial',
      alloc: base.alloc.bind(base),
      write: base.write.bind(base),
      view: base.view.bind(base),
      read: base.read.bind(base),
      free: base.free.bind(base),
      kernels,
    } as unknown as Backend;
    expect(() => setBackend(partial)).toThrow(BackendError);
    expect(() => setBackend(partial)).toThrow("setBackend: backend 'partial' lacks kernels.matmul");
    expect(() => setBackend(null as unknown as Backend)).toThrow('setBackend: expected a backend object with a name');
  });
});

describe('useFastestBackend', () => {
  it('activates the WASM SIMD backend where supported and computes the same results', async () => {
    const { createJsBackend } = await import('@nanograd/kernels');
    const { wasmSimdSupported } = await import('@nanograd/kernels/wasm');
    const { matmul } = await import('./ops/linalg/matmul');
    const { tensor } = await import('./create');
    const { getBackend, setBackend, useFastestBackend } = await import('./backend');
    const expected = matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toList();
    const chosen = await useFastestBackend();
    try {
      expect(chosen.name).toBe(wasmSimdSupported() ? 'wasm' : 'js');
      expect(getBackend()).toBe(chosen);
      expect(matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toList()).toEqual(expected);
    } finally {
      setBackend(createJsBackend());
    }
  });
});
