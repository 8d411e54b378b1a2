// Inverted dropout as a layer: active only in training mode.
import { dropout, type Tensor } from '@nanograd/autograd';
import type { LayerNameOptions } from './layer-options';
import { Module } from './module';

/**
 * Inverted dropout (PyTorch `nn.Dropout`): in training mode each element is zeroed with probability `p` and the
 * rest are scaled by `1 / (1 − p)`; in evaluation mode (`eval()`) it is the identity. Masks come from autograd's
 * seeded generator (`manualSeed`).
 *
 * @example
 * ```ts
 * import { Dropout } from '@nanograd/layer';
 * import { manualSeed, ones } from '@nanograd/autograd';
 * manualSeed(0);
 * const layer = new Dropout(0.5);
 * layer.forward(ones([4])).toList(); // each entry 0 or 2
 * layer.eval().forward(ones([4])).toList(); // [1, 1, 1, 1]
 * ```
 * @category Layers
 */
export class Dropout extends Module {
  /** Probability of zeroing an element. */
  readonly p: number;

  /**
   * @param p - Drop probability in [0, 1] (default 0.5).
   * @param options - `name` (default `'dropout'`).
   * @throws RangeError If `p` is outside [0, 1].
   */
  constructor(p = 0.5, options: LayerNameOptions = {}) {
    super(options.name ?? 'dropout');
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: p must be in [0, 1] (got ${p})`);
    this.p = p;
  }

  /**
   * Drops elements in training mode; returns `x` itself in evaluation mode.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return dropout(x, { p: this.p, training: this.training });
  }
}
