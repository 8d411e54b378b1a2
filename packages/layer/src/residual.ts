// A skip connection y = activation(body(x) + shortcut(x)), the building block of ResNets.
import type { Tensor } from '@nanograd/autograd';
import { add } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import { resolveActivation, type Activation, type ActivationSpec } from './activations';
import type { LayerNameOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link Residual}.
 *
 * @example
 * ```ts
 * import { Conv2d, type ResidualOptions } from '@nanograd/layer';
 * const options: ResidualOptions = { projection: new Conv2d(16, 32, 1, { stride: 2 }), activation: 'relu' };
 * ```
 * @category Layers
 */
export interface ResidualOptions extends LayerNameOptions {
  /** A layer applied to the skip path when the body changes the shape (e.g. a strided 1×1 Conv2d); default none. */
  readonly projection?: Module | null;
  /** Activation applied after the sum (ResNet applies ReLU there); default none. */
  readonly activation?: ActivationSpec | null;
}

/**
 * A residual block `y = activation(body(x) + (projection ? projection(x) : x))`.
 *
 * @remarks
 * The body and the projection are registered as children `'body'` and `'projection'`, so train/eval mode and
 * parameters reach them. The sum never broadcasts: the two paths must have the same shape.
 *
 * @example
 * ```ts
 * import { BatchNorm2d, Conv2d, ReLU, Residual, Sequential } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * const block = new Residual(
 *   new Sequential([new Conv2d(8, 8, 3, { padding: 1 }), new BatchNorm2d(8), new ReLU(), new Conv2d(8, 8, 3, { padding: 1 })]),
 *   { activation: 'relu' },
 * );
 * block.forward(ones([2, 8, 5, 5])).shape; // [2, 8, 5, 5]
 * ```
 * @category Layers
 */
export class Residual extends Module {
  /** The residual branch. */
  readonly body: Module;
  /** The layer on the skip path, or null for the identity. */
  readonly projection: Module | null;
  /** The activation applied after the sum, or null. */
  readonly activationLayer: Activation | null;

  /**
   * @param body - The residual branch.
   * @param options - `projection`, `activation`, `name` (default `'residual'`).
   */
  constructor(body: Module, options: ResidualOptions = {}) {
    super(options.name ?? 'residual');
    this.body = this.registerModule('body', body);
    this.projection = options.projection ? this.registerModule('projection', options.projection) : null;
    this.activationLayer = resolveActivation(options.activation);
  }

  /** The body's input size, or null. */
  override get inputSize(): number | null {
    return this.body.inputSize;
  }

  /** The body's output size, or null. */
  override get outputSize(): number | null {
    return this.body.outputSize;
  }

  /** The kind of the activation after the sum, or null. */
  override get activation(): string | null {
    return this.activationLayer?.kind ?? null;
  }

  /**
   * Computes `activation(body(x) + shortcut(x))`.
   *
   * @param x - The input.
   * @returns The sum, with the body's output shape.
   * @throws {@link ShapeError} If the body's output and the skip path differ in shape.
   */
  forward(x: Tensor): Tensor {
    const out = this.body.forward(x);
    const skip = this.projection === null ? x : this.projection.forward(x);
    if (out.rank !== skip.rank || out.shape.some((extent, axis) => extent !== skip.shape[axis])) {
      const advice = this.projection === null ? '; give a projection to match them' : '';
      throw new ShapeError(
        `Residual '${this.name}': body output ${formatShape(out.shape)} and skip path ${formatShape(skip.shape)} differ (input ${formatShape(x.shape)})${advice}`,
      );
    }
    const sum = add(out, skip);
    return this.activationLayer === null ? sum : this.activationLayer.forward(sum);
  }
}
