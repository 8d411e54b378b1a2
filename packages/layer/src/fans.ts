// Fan-in and fan-out follow PyTorch's convention, so initialisation scales match torch.nn.init.

/**
 * The number of inputs and outputs each weight connects, used to scale initialisation.
 *
 * @example
 * ```ts
 * import type { Fans } from '@nanograd/layer';
 * const fans: Fans = { fanIn: 784, fanOut: 128 };
 * ```
 * @category Initialization
 */
export interface Fans {
  /** Inputs feeding one output unit (`inFeatures * receptive field`). */
  readonly fanIn: number;
  /** Outputs one input unit feeds (`outFeatures * receptive field`). */
  readonly fanOut: number;
}

/**
 * Computes the fan-in and fan-out of a weight shape: `(out, in)` for dense layers, `(out, in / groups, kh, kw)`
 * for convolutions.
 *
 * @param shape - The weight's shape, rank 2 or more.
 * @returns The fans.
 * @throws RangeError If the rank is below 2.
 *
 * @example
 * ```ts
 * import { computeFans } from '@nanograd/layer';
 * computeFans([16, 3, 5, 5]); // { fanIn: 75, fanOut: 400 }
 * ```
 * @category Initialization
 */
export function computeFans(shape: readonly number[]): Fans {
  if (shape.length < 2) {
    throw new RangeError(`computeFans: a weight needs rank 2 or more to have fans (got shape [${shape.join(', ')}])`);
  }
  let receptiveField = 1;
  for (let axis = 2; axis < shape.length; axis++) receptiveField *= shape[axis] ?? 1;
  return { fanIn: (shape[1] ?? 0) * receptiveField, fanOut: (shape[0] ?? 0) * receptiveField };
}

/**
 * The nonlinearities {@link calculateGain} knows.
 *
 * @example
 * ```ts
 * import type { Nonlinearity } from '@nanograd/layer';
 * const nonlinearity: Nonlinearity = 'relu';
 * ```
 * @category Initialization
 */
export type Nonlinearity = 'linear' | 'conv2d' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu';

/**
 * Returns the recommended gain for an activation, the factor that keeps activation variance stable across
 * layers (PyTorch's `calculate_gain`).
 *
 * @param nonlinearity - The activation that follows the layer.
 * @param negativeSlope - Slope of `leakyRelu` for negative inputs.
 * @returns The gain.
 * @throws RangeError If `negativeSlope` is not a finite number.
 *
 * @example
 * ```ts
 * import { calculateGain } from '@nanograd/layer';
 * calculateGain('relu'); // 1.4142135623730951
 * ```
 * @category Initialization
 */
export function calculateGain(nonlinearity: Nonlinearity, negativeSlope = 0.01): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv2d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu':
      if (!Number.isFinite(negativeSlope)) {
        throw new RangeError(`calculateGain: negativeSlope must be a finite number (got ${negativeSlope})`);
      }
      return Math.sqrt(2 / (1 + negativeSlope * negativeSlope));
    case 'selu':
      return 3 / 4;
  }
}
