import { FormatError } from './parse-idx';

/**
 * Decompresses gzip bytes with the platform's `DecompressionStream`, available in browsers and Node ≥18.
 *
 * @param bytes - A complete gzip stream.
 * @returns The decompressed bytes.
 * @throws {@link FormatError} If the bytes are not valid gzip.
 *
 * @example
 * ```ts
 * import { gunzip } from '@nanograd/data';
 * const packed = new Uint8Array(await new Response(
 *   new Blob([new Uint8Array([1, 2, 3])]).stream().pipeThrough(new CompressionStream('gzip')),
 * ).arrayBuffer());
 * await gunzip(packed); // Uint8Array [1, 2, 3]
 * ```
 * @category Data
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new FormatError('gunzip: not gzip data (missing the 1f 8b signature)');
  }
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new FormatError(`gunzip: corrupt gzip data (${error instanceof Error ? error.message : String(error)})`);
  }
}
