import { describe, expect, it } from 'vitest';
import { DTypeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refMap } from '../../testing/reference';
import type { Tensor } from '../../tensor';
import { sum } from '../reduce/sum';
import { gelu } from './gelu';
import { leakyRelu } from './leaky-relu';
import { relu } from './relu';
import { sigmoid } from './sigmoid';
import { sigmoidStable } from './sigmoid-stable';
import { silu } from './silu';
import { softplus } from './softplus';
import { tanh } from './tanh';

// erf from its Maclaurin series, independent of the kernel's Chebyshev fit; exact to ~1e-15 for |x| ≤ 3.
function erfSeries(x: number): number {
  let term = x;
  let total = x;
  for (let n = 1; Math.abs(term) > 1e-18 * Math.abs(total) && n < 200; n++) {
    term *= (-x * x) / n;
    total += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * total;
}

const logistic = (v: number): number => 1 / (1 + Math.exp(-v));
const integerInput = (name: string) =>
  ({ label: 'integer input', inputs: [() => tensor([1, 2], { dtype: 'i32' })], message: `${name}: needs a float tensor (got i32)`, type: DTypeError }) as const;
// Any rank: 2-d, 0-d and a 24-element 3-d input.
const samples = [{ inputs: [[2, 3]] }, { label: 'rank 0', inputs: [[]] }, { label: 'rank 3', inputs: [[2, 3, 4]] }] as const;
const wide = samples.map((sample) => ({ ...sample, domain: [-4, 4] as const }));

describeOp('relu', { fn: (x) => relu(x!), reference: (x) => refMap([x!], (v) => Math.max(v, 0)), samples });
describeOp('leakyRelu', { fn: (x) => leakyRelu(x!, { alpha: 0.2 }), reference: (x) => refMap([x!], (v) => (v > 0 ? v : 0.2 * v)), samples });
describeOp('leakyRelu', { fn: (x) => leakyRelu(x!), reference: (x) => refMap([x!], (v) => (v > 0 ? v : 0.01 * v)), samples: [{ label: 'default alpha', inputs: [[2, 3]] }] });
describeOp('tanh', { fn: (x) => tanh(x!), reference: (x) => refMap([x!], Math.tanh), samples: wide, errors: [integerInput('tanh')] });
describeOp('sigmoid', { fn: (x) => sigmoid(x!), reference: (x) => refMap([x!], logistic), samples: wide, errors: [integerInput('sigmoid')] });
describeOp('sigmoidStable', { fn: (x) => sigmoidStable(x!), reference: (x) => refMap([x!], logistic), samples: wide, errors: [integerInput('sigmoidStable')] });
describeOp('softplus', {
  fn: (x) => softplus(x!),
  reference: (x) => refMap([x!], (v) => (v > 20 ? v : Math.log(1 + Math.exp(v)))),
  samples: wide,
  errors: [integerInput('softplus')],
});
describeOp('softplus', {
  fn: (x) => softplus(x!, { beta: 2, threshold: 3 }),
  reference: (x) => refMap([x!], (v) => (2 * v > 3 ? v : Math.log(1 + Math.exp(2 * v)) / 2)),
  samples: [{ label: 'beta 2, threshold 3 (both branches)', inputs: [[4, 6]], domain: [-3, 3] }],
});
describeOp('gelu', {
  fn: (x) => gelu(x!),
  reference: (x) => refMap([x!], (v) => 0.5 * v * (1 + erfSeries(v / Math.SQRT2))),
  samples: wide,
  errors: [integerInput('gelu')],
});
describeOp('gelu', {
  fn: (x) => gelu(x!, { approximate: 'tanh' }),
  reference: (x) => refMap([x!], (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)))),
  samples: [{ label: 'tanh approximation', inputs: [[2, 3]], domain: [-4, 4] }],
});
describeOp('silu', { fn: (x) => silu(x!), reference: (x) => refMap([x!], (v) => v * logistic(v)), samples: wide, errors: [integerInput('silu')] });

const valuesAndGrads = (f: (x: Tensor) => Tensor, x: Tensor): [number[], number[]] => {
  const leaf = x.dtype === 'f64' ? tensor64(Array.from(x.data), x.shape, { requiresGrad: true }) : tensor32(Array.from(x.data), x.shape, { requiresGrad: true });
  const y = f(leaf);
  return [Array.from(y.data), Array.from(gradients(sum(y), [leaf])[0]!.data)];
};

describe('activations: PyTorch values', () => {
  it('gelu(1) matches torch.nn.functional.gelu exactly and with the tanh approximation', () => {
    expect(gelu(tensor64([1])).data[0]).toBeCloseTo(0.8413447460685429, 15);
    expect(gelu(tensor64([1]), { approximate: 'tanh' }).data[0]).toBeCloseTo(0.8411919906082768, 15);
  });

  it('softplus(1, beta 2) is ln(1 + e²) / 2', () => {
    expect(softplus(tensor64([1]), { beta: 2 }).data[0]).toBeCloseTo(1.0634640055214863, 15);
  });

  it('softplus is linear above the threshold, like PyTorch', () => {
    expect(softplus(tensor64([20.5, 19.5])).data[0]).toBe(20.5);
    expect(softplus(tensor64([1.6]), { beta: 2, threshold: 3 }).data[0]).toBe(1.6);
  });

  it('relu has gradient 0 at exactly 0, leakyRelu has alpha there', () => {
    expect(valuesAndGrads(relu, tensor64([-1, 0, 2]))).toEqual([[0, 0, 2], [0, 0, 1]]);
    expect(valuesAndGrads((x) => leakyRelu(x, { alpha: 0.1 }), tensor64([-1, 0, 2]))).toEqual([[-0.1, 0, 2], [0.1, 0.1, 1]]);
  });

  it('relu keeps integer tensors integer', () => {
    const y = relu(tensor([-2, 3], { dtype: 'i32' }));
    expect(y.dtype).toBe('i32');
    expect(y.toList()).toEqual([0, 3]);
  });
});

describe('activations: overflow safety at ±1000', () => {
  const extremes = [tensor64([-1000, 1000]), tensor32([-1000, 1000])];
  for (const x of extremes) {
    it(`${x.dtype}: sigmoid and sigmoidStable saturate to 0 and 1 with zero gradients`, () => {
      expect(valuesAndGrads(sigmoid, x)).toEqual([[0, 1], [0, 0]]);
      expect(valuesAndGrads(sigmoidStable, x)).toEqual([[0, 1], [0, 0]]);
    });

    it(`${x.dtype}: tanh saturates to ±1 with zero gradients`, () => {
      expect(valuesAndGrads(tanh, x)).toEqual([[-1, 1], [0, 0]]);
    });

    it(`${x.dtype}: softplus(1000) = 1000 and softplus(-1000) = 0 exactly, gradients 1 and 0`, () => {
      expect(valuesAndGrads(softplus, x)).toEqual([[0, 1000], [0, 1]]);
      expect(valuesAndGrads((v) => softplus(v, { beta: 3 }), x)).toEqual([[0, 1000], [0, 1]]);
    });

    it(`${x.dtype}: silu and gelu are finite with finite gradients`, () => {
      for (const f of [silu, gelu, (v: Tensor) => gelu(v, { approximate: 'tanh' })]) {
        const [values, grads] = valuesAndGrads(f, x);
        expect(values.map((v) => v + 0)).toEqual([0, 1000]);
        expect(grads.map((g) => g + 0)).toEqual([0, 1]);
      }
    });
  }

  it('softplus second derivatives stay finite at ±1000', () => {
    const x = tensor64([-1000, 0, 1000], [3], { requiresGrad: true });
    const [first] = gradients(sum(softplus(x)), [x], { createGraph: true });
    const [second] = gradients(sum(first!), [x]);
    expect(Array.from(second!.data)).toEqual([0, 0.25, 0]);
  });
});

describe('activations: NaN propagation and higher orders', () => {
  it('NaN stays NaN through every activation', () => {
    const nan = tensor64([Number.NaN]);
    for (const f of [relu, leakyRelu, tanh, sigmoid, sigmoidStable, softplus, gelu, silu]) expect(f(nan).data[0]).toBeNaN();
  });

  it('tanh differentiates to third order: d³/dx³ tanh = −2(1 − y²)(1 − 3y²)', () => {
    const x = tensor64([0.4], [1], { requiresGrad: true });
    const [first] = gradients(sum(tanh(x)), [x], { createGraph: true });
    const [second] = gradients(sum(first!), [x], { createGraph: true });
    const [third] = gradients(sum(second!), [x]);
    const y = Math.tanh(0.4);
    expect(third!.data[0]).toBeCloseTo(-2 * (1 - y * y) * (1 - 3 * y * y), 14);
  });

  it('sigmoid differentiates to second order: σ″ = σ(1 − σ)(1 − 2σ)', () => {
    const x = tensor64([0.7], [1], { requiresGrad: true });
    const [first] = gradients(sum(sigmoidStable(x)), [x], { createGraph: true });
    const [second] = gradients(sum(first!), [x]);
    const s = logistic(0.7);
    expect(second!.data[0]).toBeCloseTo(s * (1 - s) * (1 - 2 * s), 14);
  });
});
