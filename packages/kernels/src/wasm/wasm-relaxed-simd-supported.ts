// Feature test: a module whose only function calls f32x4.relaxed_madd validates only where relaxed SIMD is enabled.
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0,
  65, 0, 253, 15, 65, 0, 253, 15, 65, 0, 253, 15, 253, 133, 2, 11,
]);

/**
 * Tells whether this engine runs WebAssembly relaxed SIMD (the fused multiply-add the WASM backend's GEMM prefers).
 *
 * @remarks
 * Node 22+ and current browsers have it on by default; Node 20 only with `--experimental-wasm-relaxed-simd`.
 *
 * @returns `true` if `WebAssembly` exists and validates a module that uses `f32x4.relaxed_madd`.
 *
 * @example
 * ```ts
 * import { wasmRelaxedSimdSupported } from '@nanograd/kernels/wasm';
 * wasmRelaxedSimdSupported(); // true on Node 22, false on Node 20 without the flag
 * ```
 * @category Backend
 */
export function wasmRelaxedSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_SIMD_PROBE);
  } catch {
    return false;
  }
}
