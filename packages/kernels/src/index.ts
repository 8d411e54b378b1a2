/**
 * BLAS-like kernels on typed arrays and the backend contract of nanograd.
 *
 * @packageDocumentation
 */
export type { DType, FloatDType, TypedArray, FloatArray, TypedArrayOf } from './dtype';
export { allocTypedArray, dtypeOf, promoteDTypes, DTYPES } from './dtype';
export { ShapeError, DTypeError, BackendError } from './errors';
export type { Shape, Strides } from './shape';
export { formatShape, sizeOf, contiguousStrides, isContiguous, broadcastShapes, broadcastStrides, normalizeAxis } from './shape';
export type { UnaryOp, BinaryOp, ReduceOp, ArgReduceOp } from './ops';
export { UNARY_OPS, BINARY_OPS, REDUCE_OPS, ARG_REDUCE_OPS, assertNever } from './ops';
export type { DeviceBuffer, View, ConvGeometry, Kernels, Backend } from './backend';
export { Random } from './random';
