import { FormatError } from './parse-idx';

// Deflate cannot expand data by more than about 1032:1, so a larger ISIZE trailer means a corrupt file.
const MAX_DEFLATE_RATIO = 1032;

/**
 * Tells whether bytes start with the gzip signature `1f 8b`.
 *
 * @param bytes - Any file contents.
 * @returns `true` for gzip data.
 *
 * @example
 * ```ts
 * import { isGzip } from '@nanograd/data';
 * isGzip(new Uint8Array([0x1f, 0x8b, 8])); // true
 * ```
 * @category Readers
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses a single-member gzip stream with the platform's `DecompressionStream` (browsers, Node ≥ 18).
 *
 * The output buffer is sized from the gzip trailer (ISIZE) after checking that it is plausible for the
 * input length, so a corrupt header cannot trigger a huge allocation; the decompressed length must match it.
 *
 * @param bytes - A complete gzip file.
 * @returns The decompressed bytes.
 * @throws {@link FormatError} If the bytes are not gzip, are truncated or corrupt, or the length disagrees
 * with the trailer.
 *
 * @example
 * ```ts
 * import { gunzip } from '@nanograd/data';
 * const packed = new Uint8Array(await new Response(
 *   new Blob([new Uint8Array([1, 2, 3])]).stream().pipeThrough(new CompressionStream('gzip')),
 * ).arrayBuffer());
 * await gunzip(packed); // Uint8Array [1, 2, 3]
 * ```
 * @category Readers
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) {
    throw new FormatError('gunzip: not gzip data (missing the 1f 8b signature)');
  }
  // 10-byte header + 8-byte trailer is the smallest valid member.
  if (bytes.length < 18) {
    throw new FormatError(`gunzip: truncated gzip data (${bytes.length} bytes, a gzip member needs at least 18)`);
  }
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4);
  const expected = trailer.getUint32(0, true);
  if (expected > bytes.length * MAX_DEFLATE_RATIO) {
    throw new FormatError(
      `gunzip: trailer claims ${expected} decompressed bytes, impossible for ${bytes.length} compressed bytes (truncated or corrupt file?)`,
    );
  }
  const out = new Uint8Array(expected);
  let written = 0;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (written + value.length > expected) {
        await reader.cancel();
        throw new FormatError(`gunzip: decompressed data exceeds the ${expected} bytes the trailer declares`);
      }
      out.set(value, written);
      written += value.length;
    }
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(`gunzip: corrupt or truncated gzip data (${error instanceof Error ? error.message : String(error)})`);
  }
  if (written !== expected) {
    throw new FormatError(`gunzip: decompressed ${written} bytes, the trailer declares ${expected}`);
  }
  return out;
}
