// Flattens every axis but the batch axis, the bridge from convolutional features to dense layers.
import { reshape, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import type { LayerNameOptions } from './layer-options';
import { Module } from './module';

/**
 * Flattens `(N, …)` to `(N, prod(…))`, keeping the batch axis (Scheme `make-flatten`, PyTorch `nn.Flatten()`).
 *
 * @example
 * ```ts
 * import { Flatten } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * new Flatten().forward(ones([8, 16, 4, 4])).shape; // [8, 256]
 * ```
 * @category Layers
 */
export class Flatten extends Module {
  /** @param options - `name` (default `'flatten'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'flatten');
  }

  /**
   * Merges every axis after the first.
   *
   * @param x - Input `(N, …)` of rank 2 or more.
   * @returns `(N, prod(…))`, a view when `x` is contiguous.
   * @throws {@link ShapeError} If `x` has rank below 2 (there is no batch axis to keep).
   */
  forward(x: Tensor): Tensor {
    if (x.rank < 2) throw new ShapeError(`Flatten '${this.name}': expected input (N, …) of rank 2 or more, got ${formatShape(x.shape)}`);
    const features = x.shape.slice(1).reduce((product, extent) => product * extent, 1);
    return reshape(x, [x.shape[0] as number, features]);
  }
}
