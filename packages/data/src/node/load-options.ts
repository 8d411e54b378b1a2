import type { FileSource } from './sources';

/**
 * Progress of one download, reported to {@link LoadOptions.onProgress}.
 *
 * @example
 * ```ts
 * import type { DownloadProgress } from '@nanograd/data/node';
 * const progress: DownloadProgress = { file: 'input.txt', url: 'https://example.org/input.txt', receivedBytes: 0, totalBytes: 10 };
 * ```
 * @category Datasets
 */
export interface DownloadProgress {
  /** File name being downloaded. */
  readonly file: string;
  /** URL being fetched. */
  readonly url: string;
  /** Bytes received so far. */
  readonly receivedBytes: number;
  /** Expected size, or `null` when unknown. */
  readonly totalBytes: number | null;
}

/**
 * Options shared by every dataset loader of `@nanograd/data/node`.
 *
 * @example
 * ```ts
 * import type { LoadOptions } from '@nanograd/data/node';
 * const options: LoadOptions = { dataDir: './data', download: false };
 * ```
 * @category Datasets
 */
export interface LoadOptions {
  /** Data directory; default `NANOGRAD_DATA`, else the per-user cache (see {@link resolveDataDir}). */
  readonly dataDir?: string;
  /** Download missing files from the canonical sources (default `true`). */
  readonly download?: boolean;
  /** Called as download bytes arrive; when given, no progress bar is drawn. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Draw a cli-progress bar on stderr while downloading (default: when stderr is a terminal). */
  readonly progressBar?: boolean;
  /**
   * Check the SHA-256 of every file read from disk, not only of downloads (default `true`; hashing
   * takes a fraction of a second even for CIFAR-10's 170 MB archive).
   */
  readonly verify?: boolean;
  /** Download from `baseUrl + fileName` instead of the canonical mirrors (same checksums). */
  readonly baseUrl?: string;
  /** Replace the source (URLs and checksum) of individual files, keyed by file name. */
  readonly sources?: Readonly<Record<string, FileSource>>;
}
