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

/**
 * Picks the fastest backend this platform offers and makes it active: the WebAssembly SIMD backend from
 * `@nanograd/kernels/wasm` where WASM SIMD is supported, else the pure-JS backend.
 *
 * @remarks
 * It is opt-in rather than the default because WASM storage is returned by finalizers, which run only when the
 * event loop turns: a long loop that never awaits grows memory until it ends. The `Trainer` yields between steps;
 * a hand-written loop should `await` a macrotask (e.g. `setImmediate`) each step.
 *
 * @returns The backend now active.
 *
 * @example
 * ```ts
 * import { useFastestBackend, setBackend } from '@nanograd/autograd';
 * import { createJsBackend } from '@nanograd/kernels';
 * (await useFastestBackend()).name; // 'wasm'
 * setBackend(createJsBackend());
 * ```
 * @category Backend
 */
export async function useFastestBackend(): Promise<Backend> {
  // Loaded on demand, so programs that stay on the JS backend never fetch or compile the module.
  const wasm = await import('@nanograd/kernels/wasm');
  const backend = wasm.wasmSimdSupported() ? await wasm.createWasmBackend() : createJsBackend();
  setBackend(backend);
  return backend;
}

// TypeScript already checks backends written in TS; this catches plain-JS callers passing a wrong object.
const REQUIRED_METHODS = ['alloc', 'write', 'view', 'read', 'free'] as const;
const REQUIRED_KERNELS = ['fill', 'copy', 'unary', 'binary', 'where', 'reduce', 'argReduce', 'matmul', 'gather', 'scatterAdd', 'im2col', 'col2im', 'maxPoolIndex', 'adamStep', 'normalizeForward', 'normalizeBackward'] as const satisfies readonly (keyof Backend['kernels'])[];

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
