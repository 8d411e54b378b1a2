import { describe, expect, it } from 'vitest';
import { BackendError, getBackend, setBackend, withBackend } from '@nanograd/autograd';
import { createJsBackend, type Backend, type Kernels } from '@nanograd/kernels';
import { describeBackendConformance } from '@nanograd/kernels/testing';
import { createCountingBackend, formatStatistics } from './counting-backend';
import { trainOneStep } from './train-step';

describe('custom-backend example (smoke)', () => {
  it('counts the kernels of a training step and changes no result', () => {
    const counting = createCountingBackend(createJsBackend());
    const counted = withBackend(counting, () => trainOneStep());
    const plain = withBackend(createJsBackend(), () => trainOneStep());
    expect(counted.loss).toBe(plain.loss);
    expect(counted.parameters).toEqual(plain.parameters);
    const calls = (key: string): number => counting.statistics.get(key)?.calls ?? 0;
    // Forward: two matmuls; backward: the weight gradients of both layers and the input gradient of the second.
    expect(calls('matmul')).toBe(5);
    expect(calls('alloc')).toBeGreaterThan(0);
    expect(calls('gather')).toBeGreaterThan(0);
    expect(calls('unary.exp')).toBeGreaterThan(0);
    expect(formatStatistics(counting.statistics)).toContain('| matmul | 5 |');
  });

  it('is installed by setBackend and restored by withBackend', () => {
    const counting = createCountingBackend(createJsBackend());
    const previous = setBackend(counting);
    try {
      expect(getBackend().name).toBe('counting(js)');
    } finally {
      setBackend(previous);
    }
    expect(getBackend()).toBe(previous);
  });

  it('is rejected by setBackend when a kernel is missing', () => {
    const { kernels, ...rest } = createCountingBackend(createJsBackend());
    const incomplete: Partial<Kernels> = { ...kernels };
    delete incomplete.matmul;
    const broken = { ...rest, kernels: incomplete } as unknown as Backend;
    expect(() => setBackend(broken)).toThrow(BackendError);
  });
});

// The suite every new backend runs: each kernel on odd layouts against the reference strided functions.
describeBackendConformance('counting(js)', () => createCountingBackend(createJsBackend()));
