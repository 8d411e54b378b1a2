// Decodes the embedded kernels modules, compiles each variant once per process, and types their exports.
import { BackendError } from '../../errors';
import {
  KERNELS_WASM_BASE64,
  KERNELS_WASM_RELAXED_BASE64,
  KERNELS_WASM_SHARED_BASE64,
  KERNELS_WASM_SHARED_RELAXED_BASE64,
} from '../generated/kernels-wasm';
import { wasmRelaxedSimdSupported } from '../wasm-relaxed-simd-supported';
import { wasmSimdSupported } from '../wasm-simd-supported';

/** Pages of the shared memory's maximum; must equal `--maximumMemory` in scripts/build-wasm.ts. */
export const SHARED_MAXIMUM_PAGES = 65536;

/** The exports of assembly/index.ts; addresses are byte offsets into `memory`. */
export interface KernelsExports {
  readonly memory: WebAssembly.Memory;
  readonly SGEMM_WORK_BYTES: WebAssembly.Global;
  readonly DGEMM_WORK_BYTES: WebAssembly.Global;
  heapBase(): number;
  sgemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  /** 1 if sgemm takes its unpacked dot-product route for these operands, else 0. */
  sgemmUsesDot(transA: number, transB: number, m: number, n: number, k: number): number;
  /** Bytes of op(B) (k x n) packed whole by sgemmPackB. */
  sgemmPackedBytes(n: number, k: number): number;
  /** Packs columns [j0, j1) of op(B) into the whole-B layout sgemmPacked reads. */
  sgemmPackB(transB: number, n: number, k: number, b: number, ldb: number, packed: number, j0: number, j1: number): void;
  /** sgemm over a B packed whole by sgemmPackB. */
  sgemmPacked(
    transA: number, m: number, n: number, k: number, alpha: number, a: number, lda: number, packed: number, beta: number,
    c: number, ldc: number, work: number,
  ): void;
  dgemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  /** sgemm (alpha 1, beta 0) over an outer x inner batch of operand pairs; the batch strides are in bytes. */
  sgemmBatch(...args: GemmBatchArguments): void;
  dgemmBatch(...args: GemmBatchArguments): void;
  binaryF32(op: number, mode: number, a: number, b: number, out: number, n: number): void;
  binaryF64(op: number, mode: number, a: number, b: number, out: number, n: number): void;
  unaryF32(op: number, x: number, out: number, n: number): void;
  unaryF64(op: number, x: number, out: number, n: number): void;
  sumF32(x: number, n: number): number;
  sumF64(x: number, n: number): number;
  extremumF32(op: number, x: number, n: number): number;
  extremumF64(op: number, x: number, n: number): number;
  im2colF32(...args: ConvArguments): void;
  im2colF64(...args: ConvArguments): void;
  col2imF32(...args: ConvArguments): void;
  col2imF64(...args: ConvArguments): void;
  maxPoolIndexF32(...args: ConvArguments): void;
  maxPoolIndexF64(...args: ConvArguments): void;
  zeroBytes(address: number, bytes: number): void;
  argReduceF32(op: number, x: number, out: number, outer: number, n: number, inner: number): void;
  argReduceF64(op: number, x: number, out: number, outer: number, n: number, inner: number): void;
  extremumAxisF32(op: number, x: number, out: number, outer: number, n: number, inner: number): void;
  extremumAxisF64(op: number, x: number, out: number, outer: number, n: number, inner: number): void;
  indicesInRange(index: number, count: number, n: number): number;
  gatherF32(x: number, index: number, out: number, outer: number, n: number, m: number, inner: number): void;
  gatherF64(x: number, index: number, out: number, outer: number, n: number, m: number, inner: number): void;
  gatherRows(x: number, index: number, out: number, outer: number, n: number, m: number, rowBytes: number): void;
  scatterAddRowsF32(updates: number, index: number, out: number, outer: number, n: number, m: number, inner: number): void;
  scatterAddRowsF64(updates: number, index: number, out: number, outer: number, n: number, m: number, inner: number): void;
  scatterAddF32(updates: number, index: number, out: number, outer: number, n: number, m: number, inner: number): void;
  scatterAddF64(updates: number, index: number, out: number, outer: number, n: number, m: number, inner: number): void;
  sumAxisF32(x: number, out: number, outer: number, n: number, inner: number): void;
  sumAxisF64(x: number, out: number, outer: number, n: number, inner: number): void;
  sumSplitF32(x: number, out: number, outer: number, kept: number, n: number): void;
  sumSplitF64(x: number, out: number, outer: number, kept: number, n: number): void;
  whereF32(kind: number, mode: number, condition: number, a: number, b: number, out: number, n: number): void;
  whereF64(kind: number, mode: number, condition: number, a: number, b: number, out: number, n: number): void;
  binaryRowsF32(...args: BinaryRowsArguments): void;
  binaryRowsF64(...args: BinaryRowsArguments): void;
  copy3x4(x: number, out: number, n0: number, s0: number, n1: number, s1: number, n2: number, s2: number): void;
  copy3x8(x: number, out: number, n0: number, s0: number, n1: number, s1: number, n2: number, s2: number): void;
  adamStepF32(...args: AdamArguments): void;
  adamStepF64(...args: AdamArguments): void;
  normalizeForwardF32(...args: NormalizeForwardArguments): void;
  normalizeForwardF64(...args: NormalizeForwardArguments): void;
  normalizeBackwardF32(...args: NormalizeBackwardArguments): void;
  normalizeBackwardF64(...args: NormalizeBackwardArguments): void;
}

/**
 * Arguments of normalizeForward: x, weight and bias (0 for none), out, normalized (0 for none), mean, variance and
 * inverseStd addresses, then outer, channels, inner and epsilon.
 */
type NormalizeForwardArguments = [
  x: number, weight: number, bias: number, out: number, normalized: number, mean: number, variance: number, inverseStd: number,
  outer: number, channels: number, inner: number, epsilon: number,
];

/** Arguments of normalizeBackward: grad, normalized, scale, out, gradSum and gradNormalizedSum addresses, then outer, channels, inner. */
type NormalizeBackwardArguments = [
  grad: number, normalized: number, scale: number, out: number, gradSum: number, gradNormalizedSum: number,
  outer: number, channels: number, inner: number,
];

/**
 * Arguments of sgemmBatch/dgemmBatch: transA, transB, m, n, k, a, lda, b, ldb, c, ldc, then the outer count and the
 * operands' outer byte strides, the inner count and inner byte strides, and the GEMM scratch.
 */
type GemmBatchArguments = [
  transA: number, transB: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number,
  outer: number, aOuter: number, bOuter: number, cOuter: number, inner: number, aInner: number, bInner: number, cInner: number, work: number,
];
/** Arguments of binaryRows: op, mode, a, b and out addresses, n, then rows and the operands' row strides in bytes. */
type BinaryRowsArguments = [
  op: number, mode: number, a: number, b: number, out: number, n: number, rows: number, aRow: number, bRow: number, outRow: number,
];

/**
 * Arguments of adamStep: param, grad, expAvg, expAvgSq and maxExpAvgSq (0 for none) addresses, the element count, then
 * beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink and the gradient's sign.
 */
type AdamArguments = [
  param: number, grad: number, expAvg: number, expAvgSq: number, maxExpAvgSq: number, n: number,
  beta1: number, beta2: number, epsilon: number, stepSize: number, biasCorrection2Sqrt: number, l2: number, shrink: number, sign: number,
];

/**
 * Arguments of im2col/col2im: source and destination addresses, batch, then the geometry (channels, height, width,
 * kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft, dilationHeight, dilationWidth, outHeight,
 * outWidth), the columns' batch stride and row stride (elements), then padValue for im2col. maxPoolIndex takes the
 * images' four strides (elements) in place of the two column strides.
 */
export type ConvArguments = number[];

/** Which build to load: fused relaxed-SIMD GEMM or plain SIMD, own memory or an imported shared one. */
export interface KernelsVariant {
  readonly relaxed: boolean;
  readonly shared: boolean;
}

/** A loaded instance plus its compiled module (workers instantiate the same module over the shared memory). */
export interface LoadedKernels {
  readonly module: WebAssembly.Module;
  readonly exports: KernelsExports;
}

const SOURCES: Record<string, string> = {
  'simd': KERNELS_WASM_BASE64,
  'relaxed': KERNELS_WASM_RELAXED_BASE64,
  'simd shared': KERNELS_WASM_SHARED_BASE64,
  'relaxed shared': KERNELS_WASM_SHARED_RELAXED_BASE64,
};

const compiled = new Map<string, Promise<WebAssembly.Module>>();
const compiledSync = new Map<string, WebAssembly.Module>();

function key(variant: KernelsVariant): string {
  return `${variant.relaxed ? 'relaxed' : 'simd'}${variant.shared ? ' shared' : ''}`;
}

function moduleBytes(kernel: string, variant: KernelsVariant): Uint8Array<ArrayBuffer> {
  if (!wasmSimdSupported()) throw new BackendError(`${kernel}: this engine does not support WebAssembly SIMD`);
  if (variant.relaxed && !wasmRelaxedSimdSupported()) {
    throw new BackendError(`${kernel}: this engine does not support WebAssembly relaxed SIMD`);
  }
  return Uint8Array.from(atob(SOURCES[key(variant)]), (char) => char.charCodeAt(0));
}

/** A new shared memory for the `shared` variants: one page to start, grown by the heap, never detached. */
export function createSharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAXIMUM_PAGES, shared: true });
}

function imports(memory: WebAssembly.Memory | undefined): WebAssembly.Imports {
  // The module imports nothing else: assertions and abort are compiled out.
  return memory === undefined ? {} : { env: { memory } };
}

/** Compiles (once per variant) and instantiates asynchronously; `memory` is required for the shared variants. */
export async function loadKernels(kernel: string, variant: KernelsVariant, memory?: WebAssembly.Memory): Promise<LoadedKernels> {
  const name = key(variant);
  let pending = compiled.get(name);
  if (pending === undefined) {
    pending = WebAssembly.compile(moduleBytes(kernel, variant));
    compiled.set(name, pending);
  }
  const module = await pending;
  const instance = await WebAssembly.instantiate(module, imports(memory));
  return { module, exports: instance.exports as unknown as KernelsExports };
}

/** Compiles (once per variant) and instantiates synchronously: fine in Node and workers, refused on a browser's main thread. */
export function loadKernelsSync(kernel: string, variant: KernelsVariant, memory?: WebAssembly.Memory): LoadedKernels {
  const name = key(variant);
  let module = compiledSync.get(name);
  if (module === undefined) {
    module = new WebAssembly.Module(moduleBytes(kernel, variant));
    compiledSync.set(name, module);
  }
  const instance = new WebAssembly.Instance(module, imports(memory));
  return { module, exports: instance.exports as unknown as KernelsExports };
}
