/**
 * Thrown when shapes, sizes, strides or axes do not fit an op or kernel. The message starts with the
 * op or kernel name and shows the shapes, e.g. `matmul: inner dimensions differ (2x3 @ 4x5)`.
 *
 * @example
 * ```ts
 * import { ShapeError } from '@nanograd/kernels';
 * const error = new ShapeError('matmul: inner dimensions differ (2x3 @ 4x5)');
 * error.name; // 'ShapeError'
 * ```
 * @category Errors
 */
export class ShapeError extends Error {
  /** Creates the error; `message` should start with the op name. */
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/**
 * Thrown when an element type is unsupported or two operands' dtypes do not match.
 *
 * @example
 * ```ts
 * import { DTypeError } from '@nanograd/kernels';
 * new DTypeError('sgemm: expected Float32Array for a').name; // 'DTypeError'
 * ```
 * @category Errors
 */
export class DTypeError extends Error {
  /** Creates the error; `message` should start with the op name. */
  constructor(message: string) {
    super(message);
    this.name = 'DTypeError';
  }
}

/**
 * Thrown when a backend cannot serve a request: a buffer from another backend, a synchronous read on a
 * backend that only reads asynchronously, an out-of-range index.
 *
 * @example
 * ```ts
 * import { BackendError } from '@nanograd/kernels';
 * new BackendError('js: buffer belongs to backend wasm').name; // 'BackendError'
 * ```
 * @category Errors
 */
export class BackendError extends Error {
  /** Creates the error; `message` should start with the backend or kernel name. */
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}
