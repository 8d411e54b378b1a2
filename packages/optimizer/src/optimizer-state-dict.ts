/**
 * A snapshot of an optimizer: its options per group and every parameter's state, as plain JSON-safe values.
 * Buffers are stored as ordinary number arrays (not typed arrays), so `JSON.parse(JSON.stringify(dict))` restores
 * them exactly: every f32 and f64 value survives the round trip bit for bit.
 *
 * @example
 * ```ts
 * import { SGD } from '@nanograd/optimizer';
 * import type { OptimizerStateDict } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const dict: OptimizerStateDict = new SGD([tensor([1], { requiresGrad: true })]).stateDict();
 * dict.paramGroups[0]?.params; // [0]
 * ```
 * @category Optimizer
 */
export interface OptimizerStateDict {
  /** Class name of the optimizer that wrote it (`'SGD'`, `'Adam'`, …). */
  readonly optimizer: string;
  /** Number of `step()` calls so far. */
  readonly step: number;
  /** One entry per parameter group, in order. */
  readonly paramGroups: readonly ParameterGroupStateDict[];
  /** One entry per parameter (numbered across groups in order); `null` until the parameter got its first update. */
  readonly state: readonly (ParameterStateDict | null)[];
}

/**
 * The saved options of one parameter group and the indices of its parameters.
 *
 * @example
 * ```ts
 * import type { ParameterGroupStateDict } from '@nanograd/optimizer';
 * const group: ParameterGroupStateDict = { params: [0, 1], options: { learningRate: 0.1 } };
 * ```
 * @category Optimizer
 */
export interface ParameterGroupStateDict {
  /** Indices of this group's parameters in the optimizer's parameter numbering. */
  readonly params: readonly number[];
  /** All options of the group, camelCase (`learningRate`, `momentum`, …). */
  readonly options: Readonly<Record<string, number | boolean>>;
}

/**
 * The saved state of one parameter: its update count and its buffers (`momentumBuffer`, `expAvg`, …).
 *
 * @example
 * ```ts
 * import type { ParameterStateDict } from '@nanograd/optimizer';
 * const state: ParameterStateDict = { step: 3, buffers: { momentumBuffer: [0.5, -0.25] } };
 * ```
 * @category Optimizer
 */
export interface ParameterStateDict {
  /** Updates this parameter has received. */
  readonly step: number;
  /** Buffers by name, each with one number per parameter element. */
  readonly buffers: Readonly<Record<string, readonly number[]>>;
}
