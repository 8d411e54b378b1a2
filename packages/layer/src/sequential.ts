// A chain of layers, each child registered under its position so parameter names read 'layers.0.weight'.
import type { Tensor } from '@nanograd/autograd';
import type { LayerNameOptions } from './layer-options';
import { Module } from './module';

/**
 * Layers applied one after another (Scheme `make-sequential`, PyTorch `nn.Sequential`).
 *
 * @remarks
 * Children are registered as `'0'`, `'1'`, …, so parameter names look like `'0.weight'`. The same layer may appear
 * twice (its weights are then shared): it runs twice in `forward`, but `parameters()` lists its tensors once.
 * `inputSize` is that of the first layer that has one, `outputSize` that of the last, and `activation` is the last
 * layer's.
 *
 * @example
 * ```ts
 * import { Dense, ReLU, Sequential } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * const mlp = new Sequential([new Dense(784, 128), new ReLU(), new Dense(128, 10)], { name: 'mlp' });
 * mlp.forward(ones([32, 784])).shape; // [32, 10]
 * mlp.parameterCount(); // 101770
 * ```
 * @category Layers
 */
export class Sequential extends Module {
  readonly #layers: readonly Module[];

  /**
   * @param layers - The layers, in application order.
   * @param options - `name` (default `'sequential'`).
   */
  constructor(layers: readonly Module[], options: LayerNameOptions = {}) {
    super(options.name ?? 'sequential');
    this.#layers = [...layers];
    this.#layers.forEach((layer, index) => this.registerModule(String(index), layer));
  }

  /** The layers, in application order (a shared layer appears at each of its positions). */
  get layers(): readonly Module[] {
    return this.#layers;
  }

  /** The first layer's input size that is known, or null. */
  override get inputSize(): number | null {
    for (const layer of this.#layers) {
      const size = layer.inputSize;
      if (size !== null) return size;
    }
    return null;
  }

  /** The last layer's output size that is known, or null. */
  override get outputSize(): number | null {
    for (let index = this.#layers.length - 1; index >= 0; index--) {
      const size = (this.#layers[index] as Module).outputSize;
      if (size !== null) return size;
    }
    return null;
  }

  /** The last layer's activation, or null. */
  override get activation(): string | null {
    return this.#layers.at(-1)?.activation ?? null;
  }

  /**
   * Feeds `x` through every layer in order.
   *
   * @param x - The first layer's input.
   * @returns The last layer's output (`x` itself for an empty Sequential).
   */
  forward(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.#layers) out = layer.forward(out);
    return out;
  }
}
