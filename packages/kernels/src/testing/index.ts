/**
 * Test helpers for backend authors: the conformance suite that checks a backend's kernels against the JS reference.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * import { describeBackendConformance } from '@nanograd/kernels/testing';
 * describeBackendConformance('js', () => createJsBackend());
 * ```
 *
 * @packageDocumentation
 */
export { describeBackendConformance } from './describe-backend-conformance';
export type { BackendConformanceOptions, KernelName } from './describe-backend-conformance';
