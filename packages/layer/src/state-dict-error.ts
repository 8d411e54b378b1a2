/**
 * Thrown when a model's state cannot be registered, loaded or decoded: a missing or unexpected key, a duplicate
 * member name, or a malformed file.
 *
 * @example
 * ```ts
 * import { Dense, StateDictError } from '@nanograd/layer';
 * try {
 *   new Dense(2, 3).loadStateDict({});
 * } catch (error) {
 *   error instanceof StateDictError; // true: 'loadStateDict: missing keys weight, bias (dense)'
 * }
 * ```
 * @category Module
 */
export class StateDictError extends Error {
  /**
   * @param message - What went wrong, starting with the operation's name.
   */
  constructor(message: string) {
    super(message);
    this.name = 'StateDictError';
  }
}
