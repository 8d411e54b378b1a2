/**
 * BLAS-like kernels on typed arrays and the backend contract of nanograd.
 *
 * @remarks
 * Three layers, each usable alone: pure kernels on `Float32Array`/`Float64Array` with explicit sizes, offsets and
 * strides (BLAS level 1–3, convolution helpers, strided element-wise, reduction and indexing kernels); the
 * {@link Backend} contract that autograd calls; and the JS reference backend ({@link createJsBackend}).
 *
 * @example
 * ```ts
 * import { sgemm } from '@nanograd/kernels';
 * const c = new Float32Array(4);
 * sgemm(false, false, 2, 2, 3, 1, new Float32Array([1, 2, 3, 4, 5, 6]), 3, new Float32Array([7, 8, 9, 10, 11, 12]), 2, 0, c, 2);
 * // c = [58, 64, 139, 154]
 * ```
 *
 * @packageDocumentation
 */

// Contract: types, errors, shapes, the op catalogue and the backend seam.
export type { DType, FloatDType, TypedArray, FloatArray, TypedArrayOf } from './dtype';
export { allocTypedArray, dtypeOf, promoteDTypes, DTYPES } from './dtype';
export { ShapeError, DTypeError, BackendError } from './errors';
export type { Shape, Strides } from './shape';
export { formatShape, sizeOf, contiguousStrides, isContiguous, broadcastShapes, broadcastStrides, normalizeAxis } from './shape';
export type { UnaryOp, BinaryOp, ReduceOp, ArgReduceOp } from './ops';
export { UNARY_OPS, BINARY_OPS, REDUCE_OPS, ARG_REDUCE_OPS, assertNever } from './ops';
export type { DeviceBuffer, View, ConvGeometry, Kernels, Backend } from './backend';
export type { RandomState } from './random';
export { Random } from './random';

// BLAS level 1, 2 and 3.
export { saxpy, daxpy, sdot, ddot, sscal, dscal, scopy, dcopy } from './blas/level1';
export { snrm2, dnrm2, sasum, dasum, isamax, idamax } from './blas/level1-reductions';
export { sgemv, dgemv, sger, dger } from './blas/level2';
export { sgemm, dgemm } from './blas/gemm';
export { sgemmStridedBatched, dgemmStridedBatched } from './blas/gemm-batched';

// Convolution helpers.
export type { ConvOutputSize } from './conv/conv-output-size';
export { convOutputSize } from './conv/conv-output-size';
export { im2col } from './conv/im2col';
export { col2im } from './conv/col2im';
export { maxPoolIndex } from './conv/max-pool-index';

// Strided kernels: any shape, strides and offset.
export { fillStrided } from './strided/fill-strided';
export { copyStrided } from './strided/copy-strided';
export { unaryStrided } from './strided/unary-strided';
export { binaryStrided } from './strided/binary-strided';
export { whereStrided } from './strided/where-strided';
export { reduceStrided } from './strided/reduce-strided';
export { argReduceStrided } from './strided/arg-reduce-strided';
export { gatherStrided } from './strided/gather-strided';
export { scatterAddStrided } from './strided/scatter-add-strided';
export { matmulStrided } from './strided/matmul-strided';
export { im2colStrided } from './strided/im2col-strided';
export { col2imStrided } from './strided/col2im-strided';

// Fused optimizer steps.
export type { AdamStepParameters } from './optim/adam-step';
export { adamStep } from './optim/adam-step';

// Fused normalisation (batch norm, layer norm) and its input gradient.
export { normalizeForward } from './norm/normalize-forward';
export { normalizeBackward } from './norm/normalize-backward';

// The JS reference backend.
export { JsBuffer } from './js/js-buffer';
export { createJsBackend } from './js/js-backend';
