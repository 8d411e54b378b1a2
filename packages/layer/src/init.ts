// Weight initialisers with torch.nn.init's formulas, drawing from autograd's seeded generator.
import { mul, noGrad, rand, randn, sub, type Tensor } from '@nanograd/autograd';
import { calculateGain, computeFans, type Fans, type Nonlinearity } from './fans';

/**
 * Options every initialiser takes.
 *
 * @example
 * ```ts
 * import type { InitOptions } from '@nanograd/layer';
 * const options: InitOptions = { dtype: 'f64', requiresGrad: true };
 * ```
 * @category Initialization
 */
export interface InitOptions {
  /**
   * Float dtype of the result.
   * @defaultValue 'f32'
   */
  readonly dtype?: 'f32' | 'f64';
  /**
   * Whether the result is a trainable leaf.
   * @defaultValue false
   */
  readonly requiresGrad?: boolean;
  /** Fans to use instead of `computeFans(shape)`, e.g. for a weight stored `[in, out]` rather than `[out, in]`. */
  readonly fans?: Fans;
}

/**
 * Options of the Glorot (Xavier) initialisers.
 *
 * @example
 * ```ts
 * import { calculateGain, type GlorotOptions } from '@nanograd/layer';
 * const options: GlorotOptions = { gain: calculateGain('tanh') };
 * ```
 * @category Initialization
 */
export interface GlorotOptions extends InitOptions {
  /**
   * Scale factor, usually `calculateGain(nonlinearity)`.
   * @defaultValue 1
   */
  readonly gain?: number;
}

/**
 * Options of the He (Kaiming) initialisers.
 *
 * @example
 * ```ts
 * import type { HeOptions } from '@nanograd/layer';
 * const options: HeOptions = { nonlinearity: 'leakyRelu', negativeSlope: 0.2, mode: 'fanOut' };
 * ```
 * @category Initialization
 */
export interface HeOptions extends InitOptions {
  /**
   * The activation that follows the layer; sets the gain with `calculateGain`.
   * @defaultValue 'relu'
   */
  readonly nonlinearity?: Nonlinearity;
  /**
   * Slope of `leakyRelu` for negative inputs (PyTorch's `a`).
   * @defaultValue 0.01
   */
  readonly negativeSlope?: number;
  /**
   * `'fanIn'` preserves the variance of activations in the forward pass, `'fanOut'` that of gradients in the
   * backward pass.
   * @defaultValue 'fanIn'
   */
  readonly mode?: 'fanIn' | 'fanOut';
}

function fansOf(name: string, shape: readonly number[], options: InitOptions): Fans {
  if (options.fans !== undefined) return options.fans;
  if (shape.length < 2) throw new RangeError(`${name}: a weight needs rank 2 or more to have fans (got shape [${shape.join(', ')}]); pass options.fans`);
  return computeFans(shape);
}

function checkScale(name: string, scale: number, fans: Fans): void {
  if (!Number.isFinite(scale)) throw new RangeError(`${name}: the scale is not finite (fanIn ${fans.fanIn}, fanOut ${fans.fanOut})`);
}

/** U(-bound, bound) as a fresh leaf. */
function uniform(shape: readonly number[], bound: number, options: InitOptions): Tensor {
  const out = noGrad(() => mul(sub(mul(rand(shape, { dtype: options.dtype ?? 'f32' }), 2), 1), bound));
  out.requiresGrad = options.requiresGrad ?? false;
  return out;
}

/** N(0, std²) as a fresh leaf. */
function normal(shape: readonly number[], std: number, options: InitOptions): Tensor {
  const out = noGrad(() => mul(randn(shape, { dtype: options.dtype ?? 'f32' }), std));
  out.requiresGrad = options.requiresGrad ?? false;
  return out;
}

function heStd(name: string, shape: readonly number[], options: HeOptions): number {
  const fans = fansOf(name, shape, options);
  const fan = (options.mode ?? 'fanIn') === 'fanIn' ? fans.fanIn : fans.fanOut;
  const std = calculateGain(options.nonlinearity ?? 'relu', options.negativeSlope ?? 0.01) / Math.sqrt(fan);
  checkScale(name, std, fans);
  return std;
}

function glorotStd(name: string, shape: readonly number[], options: GlorotOptions): number {
  const fans = fansOf(name, shape, options);
  const std = (options.gain ?? 1) * Math.sqrt(2 / (fans.fanIn + fans.fanOut));
  checkScale(name, std, fans);
  return std;
}

/**
 * Glorot (Xavier) uniform initialisation: `U(-a, a)` with `a = gain·√(6 / (fanIn + fanOut))` (PyTorch's
 * `xavier_uniform_`).
 *
 * @param shape - The weight's shape (rank ≥ 2, `(out, in, …)` for fans, or give `options.fans`).
 * @param options - `gain`, `dtype`, `requiresGrad`, `fans`.
 * @returns A new leaf tensor.
 * @throws RangeError If the shape has no fans or a fan is zero.
 *
 * @example
 * ```ts
 * import { glorotUniform } from '@nanograd/layer';
 * import { manualSeed } from '@nanograd/autograd';
 * manualSeed(0);
 * glorotUniform([128, 784]).shape; // [128, 784], entries within ±√(6 / 912)
 * ```
 * @category Initialization
 */
export function glorotUniform(shape: readonly number[], options: GlorotOptions = {}): Tensor {
  return uniform(shape, Math.sqrt(3) * glorotStd('glorotUniform', shape, options), options);
}

/**
 * Glorot (Xavier) normal initialisation: `N(0, std²)` with `std = gain·√(2 / (fanIn + fanOut))` (PyTorch's
 * `xavier_normal_`).
 *
 * @param shape - The weight's shape (rank ≥ 2, or give `options.fans`).
 * @param options - `gain`, `dtype`, `requiresGrad`, `fans`.
 * @returns A new leaf tensor.
 * @throws RangeError If the shape has no fans or a fan is zero.
 *
 * @example
 * ```ts
 * import { glorotNormal } from '@nanograd/layer';
 * glorotNormal([64, 32], { dtype: 'f64' }).dtype; // 'f64'
 * ```
 * @category Initialization
 */
export function glorotNormal(shape: readonly number[], options: GlorotOptions = {}): Tensor {
  return normal(shape, glorotStd('glorotNormal', shape, options), options);
}

/**
 * He (Kaiming) uniform initialisation: `U(-b, b)` with `b = gain·√(3 / fan)`, `gain = calculateGain(nonlinearity,
 * negativeSlope)` and `fan` the fan-in or fan-out (PyTorch's `kaiming_uniform_`).
 *
 * @param shape - The weight's shape (rank ≥ 2, or give `options.fans`).
 * @param options - `nonlinearity` (default `'relu'`), `negativeSlope`, `mode` (default `'fanIn'`), `dtype`,
 *   `requiresGrad`, `fans`.
 * @returns A new leaf tensor.
 * @throws RangeError If the shape has no fans or the chosen fan is zero.
 *
 * @example
 * ```ts
 * import { heUniform } from '@nanograd/layer';
 * heUniform([16, 3, 3, 3]).shape; // [16, 3, 3, 3], entries within ±√(6 / 27)
 * ```
 * @category Initialization
 */
export function heUniform(shape: readonly number[], options: HeOptions = {}): Tensor {
  return uniform(shape, Math.sqrt(3) * heStd('heUniform', shape, options), options);
}

/**
 * He (Kaiming) normal initialisation: `N(0, std²)` with `std = gain / √fan` (PyTorch's `kaiming_normal_`).
 *
 * @param shape - The weight's shape (rank ≥ 2, or give `options.fans`).
 * @param options - `nonlinearity` (default `'relu'`), `negativeSlope`, `mode` (default `'fanIn'`), `dtype`,
 *   `requiresGrad`, `fans`.
 * @returns A new leaf tensor.
 * @throws RangeError If the shape has no fans or the chosen fan is zero.
 *
 * @example
 * ```ts
 * import { heNormal } from '@nanograd/layer';
 * heNormal([256, 128], { mode: 'fanOut' }).shape; // [256, 128], standard deviation √(2 / 256)
 * ```
 * @category Initialization
 */
export function heNormal(shape: readonly number[], options: HeOptions = {}): Tensor {
  return normal(shape, heStd('heNormal', shape, options), options);
}

/**
 * PyTorch's name for {@link glorotUniform}.
 *
 * @example
 * ```ts
 * import { xavierUniform } from '@nanograd/layer';
 * xavierUniform([3, 2]).shape; // [3, 2]
 * ```
 * @category Initialization
 */
export const xavierUniform: typeof glorotUniform = glorotUniform;

/**
 * PyTorch's name for {@link glorotNormal}.
 *
 * @example
 * ```ts
 * import { xavierNormal } from '@nanograd/layer';
 * xavierNormal([3, 2]).shape; // [3, 2]
 * ```
 * @category Initialization
 */
export const xavierNormal: typeof glorotNormal = glorotNormal;

/**
 * PyTorch's name for {@link heUniform}.
 *
 * @example
 * ```ts
 * import { kaimingUniform } from '@nanograd/layer';
 * kaimingUniform([3, 2]).shape; // [3, 2]
 * ```
 * @category Initialization
 */
export const kaimingUniform: typeof heUniform = heUniform;

/**
 * PyTorch's name for {@link heNormal}.
 *
 * @example
 * ```ts
 * import { kaimingNormal } from '@nanograd/layer';
 * kaimingNormal([3, 2]).shape; // [3, 2]
 * ```
 * @category Initialization
 */
export const kaimingNormal: typeof heNormal = heNormal;
