// Options every layer shares, so each layer's options interface extends one documented base.

/**
 * Options of layers without parameters: only a display name.
 *
 * @example
 * ```ts
 * import { ReLU, type LayerNameOptions } from '@nanograd/layer';
 * const options: LayerNameOptions = { name: 'hidden-activation' };
 * new ReLU(options).name; // 'hidden-activation'
 * ```
 * @category Module
 */
export interface LayerNameOptions {
  /** Display name shown by `summary` and `printLayer` (default: the layer's kind, e.g. `'dense'`). */
  readonly name?: string;
}

/**
 * Options of layers with parameters: a display name and the parameters' dtype.
 *
 * @example
 * ```ts
 * import { Dense, type LayerOptions } from '@nanograd/layer';
 * const options: LayerOptions = { dtype: 'f64', name: 'head' };
 * new Dense(4, 2, options).weight.dtype; // 'f64'
 * ```
 * @category Module
 */
export interface LayerOptions extends LayerNameOptions {
  /**
   * Float dtype of the parameters and buffers.
   * @defaultValue 'f32'
   */
  readonly dtype?: 'f32' | 'f64';
}
