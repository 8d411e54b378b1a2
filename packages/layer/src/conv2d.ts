// A 2-d convolution layer over autograd's conv2d, with He-uniform filters and zero bias.
import { conv2d, zeros, type Pair, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import { resolveActivation, type Activation, type ActivationSpec } from './activations';
import { heUniform } from './init';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link Conv2d}.
 *
 * @example
 * ```ts
 * import type { Conv2dLayerOptions } from '@nanograd/layer';
 * const same: Conv2dLayerOptions = { stride: 1, padding: 1, activation: 'relu' };
 * ```
 * @category Layers
 */
export interface Conv2dLayerOptions extends LayerOptions {
  /**
   * Step between windows, one number or `[height, width]`.
   * @defaultValue 1
   */
  readonly stride?: Pair;
  /**
   * Zero padding on each side, one number or `[height, width]`.
   * @defaultValue 0
   */
  readonly padding?: Pair;
  /**
   * Spacing between kernel taps, one number or `[height, width]`.
   * @defaultValue 1
   */
  readonly dilation?: Pair;
  /**
   * Channel groups; must divide both channel counts.
   * @defaultValue 1
   */
  readonly groups?: number;
  /** Activation applied to the output: a layer, a name such as `'relu'`, or null (none). */
  readonly activation?: ActivationSpec | null;
  /**
   * Whether to add a per-output-channel bias.
   * @defaultValue true
   */
  readonly useBias?: boolean;
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`Conv2d: ${name} must be a positive integer (got ${value})`);
}

function toPair(value: Pair): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/**
 * A 2-d convolution layer (Scheme `make-conv2d-layer`, PyTorch `nn.Conv2d`): `activation(conv2d(x, W) + b)`.
 *
 * @remarks
 * The weight is `(out, in / groups, kH, kW)`, initialised He-uniform for ReLU (`U(±√(6 / fanIn))`, fanIn =
 * `in / groups · kH · kW`); the bias `(out)` starts at zero. Input `(N, C, H, W)` gives `(N, out, H', W')`; one image
 * `(C, H, W)` gives `(out, H', W')`.
 *
 * @example
 * ```ts
 * import { Conv2d } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * const layer = new Conv2d(3, 16, 3, { padding: 1, activation: 'relu' });
 * layer.forward(ones([8, 3, 32, 32])).shape; // [8, 16, 32, 32]
 * layer.weight.shape; // [16, 3, 3, 3]
 * ```
 * @category Layers
 */
export class Conv2d extends Module {
  /** The filters `(out, in / groups, kH, kW)`. */
  readonly weight: Tensor;
  /** The bias `(out)`, or null when `useBias` is false. */
  readonly bias: Tensor | null;
  /** The activation applied to the output, or null. */
  readonly activationLayer: Activation | null;
  /** Kernel `[height, width]`. */
  readonly kernelSize: readonly [number, number];
  /** Stride `[height, width]`. */
  readonly stride: readonly [number, number];
  /** Padding `[height, width]`. */
  readonly padding: readonly [number, number];
  /** Dilation `[height, width]`. */
  readonly dilation: readonly [number, number];
  /** Channel groups. */
  readonly groups: number;
  readonly #inChannels: number;
  readonly #outChannels: number;

  /**
   * @param inChannels - Input channels.
   * @param outChannels - Output channels (filters).
   * @param kernelSize - Kernel extent, one number or `[height, width]`.
   * @param options - `stride`, `padding`, `dilation`, `groups`, `activation`, `useBias`, `dtype`, `name` (default
   *   `'conv2d'`).
   * @throws RangeError If a size is not a positive integer or `groups` does not divide the channel counts.
   */
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: Conv2dLayerOptions = {}) {
    super(options.name ?? 'conv2d');
    positiveInteger('inChannels', inChannels);
    positiveInteger('outChannels', outChannels);
    this.kernelSize = toPair(kernelSize);
    this.kernelSize.forEach((extent) => positiveInteger('kernelSize', extent));
    this.stride = toPair(options.stride ?? 1);
    this.padding = toPair(options.padding ?? 0);
    this.dilation = toPair(options.dilation ?? 1);
    this.groups = options.groups ?? 1;
    positiveInteger('groups', this.groups);
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw new RangeError(`Conv2d: groups ${this.groups} must divide inChannels ${inChannels} and outChannels ${outChannels}`);
    }
    this.#inChannels = inChannels;
    this.#outChannels = outChannels;
    const dtype = options.dtype ?? 'f32';
    const shape = [outChannels, inChannels / this.groups, ...this.kernelSize];
    this.weight = this.registerParameter('weight', heUniform(shape, { dtype, requiresGrad: true }));
    this.bias = (options.useBias ?? true) ? this.registerParameter('bias', zeros([outChannels], { dtype, requiresGrad: true })) : null;
    this.activationLayer = resolveActivation(options.activation);
  }

  /** Input channels. */
  override get inputSize(): number | null {
    return this.#inChannels;
  }

  /** Output channels. */
  override get outputSize(): number | null {
    return this.#outChannels;
  }

  /** The activation's kind, or null. */
  override get activation(): string | null {
    return this.activationLayer?.kind ?? null;
  }

  /**
   * Convolves `x` with the filters, adds the bias and applies the activation.
   *
   * @param x - Images `(N, C, H, W)` or one image `(C, H, W)`.
   * @returns `(N, out, H', W')` or `(out, H', W')`.
   * @throws {@link ShapeError} If `x` is not rank 3 or 4, has the wrong channel count, or is smaller than the kernel.
   */
  forward(x: Tensor): Tensor {
    if (x.rank !== 3 && x.rank !== 4) {
      throw new ShapeError(`Conv2d '${this.name}': expected input (C, H, W) or (N, C, H, W), got ${formatShape(x.shape)}`);
    }
    const channels = x.shape[x.rank - 3];
    if (channels !== this.#inChannels) {
      throw new ShapeError(`Conv2d '${this.name}': expected ${this.#inChannels} input channels, got ${channels} (input ${formatShape(x.shape)})`);
    }
    const y = conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
    return this.activationLayer === null ? y : this.activationLayer.forward(y);
  }
}
