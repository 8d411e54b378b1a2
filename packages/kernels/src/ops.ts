// The primitive catalogue as data: backends switch over these lists, so a new entry is a compile error
// in every backend that does not handle it yet.

/**
 * Element-wise unary primitives. `sigmoid`, `tanh`, `erf`, `gelu` (the exact `x·Φ(x)`, Φ the standard normal CDF)
 * and `geluDerivative` (its derivative `Φ(x) + x·φ(x)`, φ the standard normal density) are primitives because
 * their composite forms are slow or lose precision; everything else unary is composed from these.
 *
 * @example
 * ```ts
 * import { UNARY_OPS } from '@nanograd/kernels';
 * UNARY_OPS.includes('exp'); // true
 * ```
 * @category Backend
 */
export const UNARY_OPS = [
  'neg',
  'abs',
  'sign',
  'exp',
  'expm1',
  'log',
  'log1p',
  'sqrt',
  'reciprocal',
  'square',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'erf',
  'gelu',
  'geluDerivative',
  'floor',
  'ceil',
  'round',
] as const;

/**
 * One of {@link UNARY_OPS}.
 *
 * @example
 * ```ts
 * import type { UnaryOp } from '@nanograd/kernels';
 * const op: UnaryOp = 'exp';
 * ```
 * @category Backend
 */
export type UnaryOp = (typeof UNARY_OPS)[number];

/**
 * Element-wise binary primitives. Comparisons write 1 or 0 in the output's dtype.
 *
 * @example
 * ```ts
 * import { BINARY_OPS } from '@nanograd/kernels';
 * BINARY_OPS.includes('maximum'); // true
 * ```
 * @category Backend
 */
export const BINARY_OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
] as const;

/**
 * One of {@link BINARY_OPS}.
 *
 * @example
 * ```ts
 * import type { BinaryOp } from '@nanograd/kernels';
 * const op: BinaryOp = 'mul';
 * ```
 * @category Backend
 */
export type BinaryOp = (typeof BINARY_OPS)[number];

/**
 * Reductions over any set of axes. `max` and `min` propagate NaN; an empty `sum` is 0, an empty `prod` 1,
 * an empty `max`/`min` is an error.
 *
 * @example
 * ```ts
 * import { REDUCE_OPS } from '@nanograd/kernels';
 * REDUCE_OPS.includes('sum'); // true
 * ```
 * @category Backend
 */
export const REDUCE_OPS = ['sum', 'prod', 'max', 'min'] as const;

/**
 * One of {@link REDUCE_OPS}.
 *
 * @example
 * ```ts
 * import type { ReduceOp } from '@nanograd/kernels';
 * const op: ReduceOp = 'max';
 * ```
 * @category Backend
 */
export type ReduceOp = (typeof REDUCE_OPS)[number];

/**
 * Index-returning reductions along one axis; ties go to the first element in order.
 *
 * @example
 * ```ts
 * import { ARG_REDUCE_OPS } from '@nanograd/kernels';
 * ARG_REDUCE_OPS.includes('argmax'); // true
 * ```
 * @category Backend
 */
export const ARG_REDUCE_OPS = ['argmax', 'argmin'] as const;

/**
 * One of {@link ARG_REDUCE_OPS}.
 *
 * @example
 * ```ts
 * import type { ArgReduceOp } from '@nanograd/kernels';
 * const op: ArgReduceOp = 'argmax';
 * ```
 * @category Backend
 */
export type ArgReduceOp = (typeof ARG_REDUCE_OPS)[number];

/**
 * Raises a compile error when a `switch` over a catalogue misses a case, and a runtime error if an unknown
 * value slips through anyway.
 *
 * @param value - The value no case matched.
 * @param kernel - Kernel name for the message.
 * @returns Never returns.
 *
 * @example
 * ```ts
 * import { assertNever, type UnaryOp } from '@nanograd/kernels';
 * function isSmooth(op: 'exp' | 'abs'): boolean {
 *   switch (op) {
 *     case 'exp': return true;
 *     case 'abs': return false;
 *     default: return assertNever(op, 'isSmooth');
 *   }
 * }
 * ```
 * @category Backend
 */
export function assertNever(value: never, kernel: string): never {
  throw new Error(`${kernel}: unknown op '${String(value)}'`);
}
