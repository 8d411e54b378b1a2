import { describe, expect, it } from 'vitest';
import { detach, matmul, tensor64, type Tensor } from '@nanograd/autograd';
import { Module } from '../module';
import { checkLayerGradients } from './check-layer-gradients';

/** y = x·W with W detached on the way in: backward leaves W without a gradient. */
class Detached extends Module {
  readonly weight: Tensor;
  constructor() {
    super('detached');
    this.weight = this.registerParameter('weight', tensor64([1, 2, 3, 4], [2, 2], { requiresGrad: true }));
  }
  forward(x: Tensor): Tensor {
    return matmul(x, detach(this.weight));
  }
}

/** y = x·W, with W's gradient doubled by a hook-free trick: the weight is used as W + W − detach(W). */
class Doubled extends Detached {
  override forward(x: Tensor): Tensor {
    return matmul(x, this.weight.add(this.weight).sub(detach(this.weight)));
  }
}

describe('checkLayerGradients', () => {
  it('rejects a layer whose parameter gets no gradient', () => {
    expect(() => checkLayerGradients(new Detached(), tensor64([1, 2]))).toThrow(/checkLayerGradients: weight element 0: analytic 0 vs numeric/);
  });

  it('rejects a wrong gradient', () => {
    expect(() => checkLayerGradients(new Doubled(), tensor64([1, 2]))).toThrow(/checkLayerGradients: weight element 0: analytic/);
  });
});
