/**
 * Thrown when an optimizer or scheduler is built or restored from inconsistent inputs: a parameter listed twice,
 * a non-leaf parameter, or a state dict that does not match the parameters it is loaded into.
 *
 * @example
 * ```ts
 * import { OptimizerError, SGD } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const w = tensor([1], { requiresGrad: true });
 * try {
 *   new SGD([{ params: [w] }, { params: [w] }]);
 * } catch (error) {
 *   error instanceof OptimizerError; // true
 * }
 * ```
 * @category Optimizer
 */
export class OptimizerError extends Error {
  /** Creates the error; `message` starts with the optimizer or scheduler name. */
  constructor(message: string) {
    super(message);
    this.name = 'OptimizerError';
  }
}
