/**
 * Thrown when a dataset file on disk does not have the expected SHA-256 (corrupt or a different
 * version); delete it to download it again.
 *
 * @example
 * ```ts
 * import { ChecksumError } from '@nanograd/data/node';
 * new ChecksumError('loadMnist: ...').name; // 'ChecksumError'
 * ```
 * @category Datasets
 */
export class ChecksumError extends Error {
  /** Creates the error; `message` names the file and both hashes. */
  constructor(message: string) {
    super(message);
    this.name = 'ChecksumError';
  }
}
