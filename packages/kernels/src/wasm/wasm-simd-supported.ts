// Feature test: a module whose only function uses v128 validates only where WebAssembly SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/**
 * Tells whether this engine runs WebAssembly with fixed-width SIMD (the instruction set of the WASM backend).
 *
 * @returns `true` if `WebAssembly` exists and validates a module that uses `v128`.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * import { createWasmBackend, wasmSimdSupported } from '@nanograd/kernels/wasm';
 * const backend = wasmSimdSupported() ? await createWasmBackend() : createJsBackend();
 * ```
 * @category Backend
 */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
