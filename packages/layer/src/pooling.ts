// Pooling layers over autograd's maxPool2d, avgPool2d and globalAvgPool2d.
import { avgPool2d, globalAvgPool2d, maxPool2d, type Pair, type Tensor } from '@nanograd/autograd';
import type { LayerNameOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link MaxPool2d} and {@link AvgPool2d}.
 *
 * @example
 * ```ts
 * import type { Pool2dLayerOptions } from '@nanograd/layer';
 * const overlapping: Pool2dLayerOptions = { stride: 1, padding: 1 };
 * ```
 * @category Layers
 */
export interface Pool2dLayerOptions extends LayerNameOptions {
  /** Step between windows, one number or `[height, width]` (default: the kernel size). */
  readonly stride?: Pair;
  /**
   * Padding on each side, at most half the window, one number or `[height, width]`.
   * @defaultValue 0
   */
  readonly padding?: Pair;
}

/**
 * Max pooling over `kernelSize` windows (Scheme `maxpool2d`, PyTorch `nn.MaxPool2d`); padding counts as −∞.
 *
 * @example
 * ```ts
 * import { MaxPool2d } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * new MaxPool2d(2).forward(ones([8, 16, 28, 28])).shape; // [8, 16, 14, 14]
 * ```
 * @category Layers
 */
export class MaxPool2d extends Module {
  /** Window extent. */
  readonly kernelSize: Pair;
  /** Step between windows (defaults to the kernel size). */
  readonly stride: Pair;
  /** Padding on each side. */
  readonly padding: Pair;

  /**
   * @param kernelSize - Window extent, one number or `[height, width]`.
   * @param options - `stride` (default `kernelSize`), `padding` (default 0), `name` (default `'maxPool2d'`).
   */
  constructor(kernelSize: Pair, options: Pool2dLayerOptions = {}) {
    super(options.name ?? 'maxPool2d');
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
  }

  /**
   * Takes the maximum of each window.
   *
   * @param x - `(N, C, H, W)` or `(C, H, W)`.
   * @returns The pooled tensor, same rank.
   * @throws {@link ShapeError} If the rank is wrong or the window does not fit.
   */
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding });
  }
}

/**
 * Average pooling over `kernelSize` windows (PyTorch `nn.AvgPool2d`); padding counts as zeros in the average.
 *
 * @example
 * ```ts
 * import { AvgPool2d } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * new AvgPool2d(2).forward(ones([1, 4, 4])).toList(); // [[[1, 1], [1, 1]]]
 * ```
 * @category Layers
 */
export class AvgPool2d extends Module {
  /** Window extent. */
  readonly kernelSize: Pair;
  /** Step between windows (defaults to the kernel size). */
  readonly stride: Pair;
  /** Padding on each side. */
  readonly padding: Pair;

  /**
   * @param kernelSize - Window extent, one number or `[height, width]`.
   * @param options - `stride` (default `kernelSize`), `padding` (default 0), `name` (default `'avgPool2d'`).
   */
  constructor(kernelSize: Pair, options: Pool2dLayerOptions = {}) {
    super(options.name ?? 'avgPool2d');
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
  }

  /**
   * Averages each window.
   *
   * @param x - `(N, C, H, W)` or `(C, H, W)`.
   * @returns The pooled tensor, same rank.
   * @throws {@link ShapeError} If the rank is wrong or the window does not fit.
   */
  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding });
  }
}

/**
 * Global average pooling: the mean over height and width, `(N, C, H, W)` → `(N, C)` (Scheme `global-avg-pool2d`).
 *
 * @example
 * ```ts
 * import { GlobalAvgPool2d } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * new GlobalAvgPool2d().forward(ones([8, 64, 7, 7])).shape; // [8, 64]
 * ```
 * @category Layers
 */
export class GlobalAvgPool2d extends Module {
  /** @param options - `name` (default `'globalAvgPool2d'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'globalAvgPool2d');
  }

  /**
   * Averages each channel's feature map.
   *
   * @param x - `(N, C, H, W)` or `(C, H, W)`.
   * @returns `(N, C)` or `(C)`.
   * @throws {@link ShapeError} If the rank is not 3 or 4.
   */
  forward(x: Tensor): Tensor {
    return globalAvgPool2d(x);
  }
}
