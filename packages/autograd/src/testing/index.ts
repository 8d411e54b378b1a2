/**
 * Test helpers for op authors: the op battery, finite-difference gradient checks and plain-JS references.
 *
 * @example
 * ```ts
 * import { mul, tensor64 } from '@nanograd/autograd';
 * import { gradcheck } from '@nanograd/autograd/testing';
 * gradcheck((x) => mul(x, x), [tensor64([1, 2])]);
 * ```
 *
 * @packageDocumentation
 */
export type { GradcheckOptions, TestedFunction } from './gradcheck';
export { gradcheck, gradgradcheck } from './gradcheck';
export type { OpSample, OpErrorCase, OpSpec, ErrorClass, Tolerance } from './describe-op';
export { describeOp } from './describe-op';
export type { RefArray } from './reference';
export { refAt, refBuild, refMap, refReduce } from './reference';
