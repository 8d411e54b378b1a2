/**
 * Thrown when a dataset file is missing and cannot be fetched: downloads disabled, every mirror failed,
 * or every mirror served bytes with the wrong SHA-256. The message lists the path and each attempt.
 *
 * @example
 * ```ts
 * import { DownloadError } from '@nanograd/data/node';
 * new DownloadError('loadMnist: ...').name; // 'DownloadError'
 * ```
 * @category Datasets
 */
export class DownloadError extends Error {
  /** Creates the error; `message` starts with the loader name. */
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}
