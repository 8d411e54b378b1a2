/**
 * Thrown when the graph cannot be differentiated as asked: a cycle, an op without a higher-order rule, a
 * gradient requested for a tensor that does not require one.
 *
 * @example
 * ```ts
 * import { GraphError } from '@nanograd/autograd';
 * new GraphError('backward: the graph has a cycle').name; // 'GraphError'
 * ```
 * @category Errors
 */
export class GraphError extends Error {
  /** Creates the error; `message` starts with the op or function name. */
  constructor(message: string) {
    super(message);
    this.name = 'GraphError';
  }
}
