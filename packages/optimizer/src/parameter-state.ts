/**
 * The per-parameter state an optimizer keeps: how many updates the parameter received and its buffers
 * (`momentumBuffer`, `expAvg`, `expAvgSq`, …), allocated once in the parameter's precision.
 *
 * @example
 * ```ts
 * import type { ParameterState } from '@nanograd/optimizer';
 * const state: ParameterState = { step: 0, buffers: { momentumBuffer: new Float32Array(3) } };
 * ```
 * @category Optimizer
 */
export interface ParameterState {
  /** Updates received so far, counting the one in progress during an update. */
  step: number;
  /** Buffers by name, each with one element per parameter element. */
  readonly buffers: Record<string, FloatStorage>;
}

/**
 * The element storage of a float tensor.
 *
 * @example
 * ```ts
 * import type { FloatStorage } from '@nanograd/optimizer';
 * const values: FloatStorage = new Float64Array(4);
 * ```
 * @category Optimizer
 */
export type FloatStorage = Float32Array | Float64Array;
