// Entry of the WASM kernels module: memory is managed by the JS glue (src/wasm), which allocates from heapBase().
export { sgemm, sgemmPackB, sgemmPacked, sgemmPackedBytes, sgemmUsesDot, SGEMM_WORK_BYTES } from './gemm-f32';
export { dgemm, DGEMM_WORK_BYTES } from './gemm-f64';
export { sgemmBatch, dgemmBatch } from './gemm-batch';
export { binaryF32, binaryF64, binaryRowsF32, binaryRowsF64, unaryF32, unaryF64 } from './elementwise';
export {
  sumF32, sumF64, sumAxisF32, sumAxisF64, sumSplitF32, sumSplitF64, extremumF32, extremumF64, argReduceF32, argReduceF64, extremumAxisF32, extremumAxisF64,
} from './reduce';
export { whereF32, whereF64 } from './where';
export { copy3x4, copy3x8 } from './copy';

/** First byte past the module's static data: the JS allocator starts here. */
export function heapBase(): usize {
  return __heap_base;
}
export { im2colF32, im2colF64, col2imF32, col2imF64, zeroBytes } from './conv';
export { maxPoolIndexF32, maxPoolIndexF64 } from './pool';
export { indicesInRange, gatherF32, gatherF64, gatherRows, scatterAddF32, scatterAddF64, scatterAddRowsF32, scatterAddRowsF64 } from './index-ops';
export { adamStepF32, adamStepF64 } from './optimizer';
export { normalizeForwardF32, normalizeForwardF64, normalizeBackwardF32, normalizeBackwardF64 } from './normalize';
