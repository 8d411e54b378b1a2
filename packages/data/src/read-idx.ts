import { gunzip, isGzip } from './gunzip';
import { parseIdx, type IdxArray } from './parse-idx';

/**
 * Decodes an IDX file that may be gzip-compressed (detected by the `1f 8b` magic bytes), such as the
 * original `train-images-idx3-ubyte.gz` of MNIST and Fashion-MNIST.
 *
 * @param bytes - The whole file, raw or gzip.
 * @returns The decoded array.
 * @throws {@link FormatError} If the gzip layer or the IDX header is invalid.
 *
 * @example
 * ```ts
 * import { readIdx } from '@nanograd/data';
 * const labels = await readIdx(new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 2]));
 * labels.shape; // [2]
 * ```
 * @category Readers
 */
export async function readIdx(bytes: Uint8Array): Promise<IdxArray> {
  return parseIdx(isGzip(bytes) ? await gunzip(bytes) : bytes);
}
