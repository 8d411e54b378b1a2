// The active backend is a module-level value set by the user, not a registry filled by imports.
import { BackendError, createJsBackend, type Backend } from '@nanograd/kernels';

let active: Backend | null = null;

/**
 * Returns the backend new tensors are allocated on, creating the JS reference backend on first use.
 *
 * @returns The active backend.
 *
 * @example
 * ```ts
 * import { getBackend } from '@nanograd/autograd';
 * getBackend().name; // 'js'
 * ```
 * @category Backend
 */
export function getBackend(): Backend {
  active ??= createJsBackend();
  return active;
}

/**
 * Makes `backend` the one new tensors are allocated on and ops run on.
 *
 * @param backend - A backend value, e.g. from `createJsBackend()`.
 * @returns The previously active backend, so callers can restore it.
 * @throws {@link BackendError} If `backend` lacks the allocation methods or a kernel.
 *
 * @example
 * ```ts
 * import { setBackend } from '@nanograd/autograd';
 * import { createJsBackend } from '@nanograd/kernels';
 * const previous = setBackend(createJsBackend());
 * setBackend(previous);
 * ```
 * @category Backend
 */
export function setBackend(backend: Backend): Backend {
  assertBackend(backend);
  const previous = getBackend();
  active = backend;
  return previous;
}

/**
 * Runs `fn` with `backend` active and restores the previous backend afterwards, even if `fn` throws.
 *
 * @param backend - The backend to use inside `fn`.
 * @param fn - The work to run.
 * @returns What `fn` returns.
 *
 * @example
 * ```ts
 * import { getBackend, withBackend } from '@nanograd/autograd';
 * import { createJsBackend } from '@nanograd/kernels';
 * withBackend(createJsBackend(), () => getBackend().name); // 'js'
 * ```
 * @category Backend
 */
export function withBackend<T>(backend: Backend, fn: () => T): T {
  const previous = setBackend(backend);
  try {
    return fn();
  } finally {
    active = previous;
  }
}

// TypeScript already checks backends written in TS; this catches plain-JS callers passing a wrong object.
const REQUIRED_METHODS = ['alloc', 'write', 'view', 'read', 'free'] as const;
const REQUIRED_KERNELS = ['fill', 'copy', 'unary', 'binary', 'where', 'reduce', 'argReduce', 'matmul', 'gather', 'scatterAdd', 'im2col', 'col2im'] as const satisfies readonly (keyof Backend['kernels'])[];

function assertBackend(backend: Backend): void {
  if (backend === null || typeof backend !== 'object' || typeof backend.name !== 'string') {
    throw new BackendError('setBackend: expected a backend object with a name');
  }
  const missing = [
    ...REQUIRED_METHODS.filter((method) => typeof backend[method] !== 'function'),
    ...REQUIRED_KERNELS.filter((kernel) => typeof backend.kernels?.[kernel] !== 'function').map((kernel) => `kernels.${kernel}`),
  ];
  if (missing.length > 0) {
    throw new BackendError(`setBackend: backend '${backend.name}' lacks ${missing.join(', ')}`);
  }
}
