// Decodes the embedded kernels module, compiles it once per process, and types its exports.
import { BackendError } from '../../errors';
import { KERNELS_WASM_BASE64 } from '../generated/kernels-wasm';
import { wasmSimdSupported } from '../wasm-simd-supported';

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
  dgemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  binaryF32(op: number, mode: number, a: number, b: number, out: number, n: number): void;
  binaryF64(op: number, mode: number, a: number, b: number, out: number, n: number): void;
  unaryF32(op: number, x: number, out: number, n: number): void;
  unaryF64(op: number, x: number, out: number, n: number): void;
  sumF32(x: number, n: number): number;
  sumF64(x: number, n: number): number;
  extremumF32(op: number, x: number, n: number): number;
  extremumF64(op: number, x: number, n: number): number;
}

let bytes: Uint8Array<ArrayBuffer> | undefined;
let compiled: Promise<WebAssembly.Module> | undefined;
let compiledSync: WebAssembly.Module | undefined;

function moduleBytes(kernel: string): Uint8Array<ArrayBuffer> {
  if (!wasmSimdSupported()) throw new BackendError(`${kernel}: this engine does not support WebAssembly SIMD`);
  bytes ??= Uint8Array.from(atob(KERNELS_WASM_BASE64), (char) => char.charCodeAt(0));
  return bytes;
}

function instantiate(module: WebAssembly.Module): KernelsExports {
  // The module imports nothing: assertions and abort are compiled out.
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelsExports;
}

/** Compiles (once) and instantiates the module asynchronously; each call gets its own memory. */
export async function loadKernels(kernel: string): Promise<KernelsExports> {
  const source = moduleBytes(kernel);
  compiled ??= WebAssembly.compile(source);
  const module = await compiled;
  const instance = await WebAssembly.instantiate(module, {});
  return instance.exports as unknown as KernelsExports;
}

/** Compiles (once) and instantiates synchronously: fine in Node and workers, refused on a browser's main thread. */
export function loadKernelsSync(kernel: string): KernelsExports {
  compiledSync ??= new WebAssembly.Module(moduleBytes(kernel));
  return instantiate(compiledSync);
}
