import { beforeAll, describe } from 'vitest';
import type { Backend, Kernels } from '../backend';
import type { KernelSuite } from './conformance-context';
import { ELEMENTWISE_SUITES } from './conformance-elementwise';
import { INDEXING_SUITES } from './conformance-indexing';
import { NORMALIZE_SUITES } from './conformance-normalize';
import { OPTIMIZER_SUITES } from './conformance-optimizer';
import { POOLING_SUITES } from './conformance-pooling';
import { REDUCTION_SUITES } from './conformance-reductions';

/**
 * The name of one kernel of {@link Kernels}, e.g. `'matmul'`.
 *
 * @example
 * ```ts
 * import type { KernelName } from '@nanograd/kernels/testing';
 * const skipped: KernelName[] = ['im2col', 'col2im'];
 * ```
 * @category Testing
 */
export type KernelName = keyof Kernels;

/**
 * Options of {@link describeBackendConformance}.
 *
 * @example
 * ```ts
 * import type { BackendConformanceOptions } from '@nanograd/kernels/testing';
 * const options: BackendConformanceOptions = { skip: ['col2im'] };
 * ```
 * @category Testing
 */
export interface BackendConformanceOptions {
  /** Kernels to report as skipped instead of running (e.g. while a backend is incomplete). */
  readonly skip?: readonly KernelName[];
}

// A Record over every kernel name: a kernel added to `Kernels` without a suite is a compile error here.
const SUITES: Record<KernelName, KernelSuite> = {
  ...ELEMENTWISE_SUITES, ...REDUCTION_SUITES, ...INDEXING_SUITES, ...POOLING_SUITES, ...OPTIMIZER_SUITES, ...NORMALIZE_SUITES,
};

/**
 * Registers a vitest suite that runs every kernel of a backend on random views and compares the results with the
 * reference strided functions of this package.
 *
 * @remarks
 * Views cover contiguous, transposed, broadcast (stride 0), offset, negative-stride and gapped layouts, f32 and f64 data
 * (i32 for indices and copies), extents 0 and 1, NaN and ties. The whole output buffer is compared, so writes outside
 * the view are caught too. Transcendental results get a small tolerance (about 2e-5 relative in f32, 1e-10 in f64) so
 * a backend may use its own approximations; everything else must match exactly. Call it at the top level of a test file.
 *
 * @param name - Label of the suite, usually the backend's name.
 * @param createBackend - Creates the backend under test (once, before the first test); may be async.
 * @param options - Kernels to skip.
 * @returns Nothing; the tests are registered with vitest.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * import { describeBackendConformance } from '@nanograd/kernels/testing';
 * describeBackendConformance('js', () => createJsBackend());
 * ```
 * @category Testing
 */
export function describeBackendConformance(
  name: string,
  createBackend: () => Backend | Promise<Backend>,
  options: BackendConformanceOptions = {},
): void {
  const skip = new Set<KernelName>(options.skip ?? []);
  describe(`${name} backend conformance`, () => {
    let backend: Backend | undefined;
    beforeAll(async () => {
      backend = await createBackend();
    });
    const current = (): Backend => {
      if (backend === undefined) throw new Error(`describeBackendConformance: backend '${name}' was not created`);
      return backend;
    };
    for (const kernel of Object.keys(SUITES) as KernelName[]) {
      (skip.has(kernel) ? describe.skip : describe)(kernel, () => SUITES[kernel](current));
    }
  });
}
