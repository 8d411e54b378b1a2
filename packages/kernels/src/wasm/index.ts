// Entry of the `@nanograd/kernels/wasm` subpath: the WebAssembly SIMD backend, kept out of the main entry so that
// importing the package does not pull in the embedded module.
export { createWasmBackend, createWasmBackendSync } from './wasm-backend';
export type { WasmBackend, WasmBackendOptions } from './wasm-backend';
export { WasmBuffer } from './wasm-buffer';
export { wasmSimdSupported } from './wasm-simd-supported';
export { wasmRelaxedSimdSupported } from './wasm-relaxed-simd-supported';
