import { FormatError } from './parse-idx';

/**
 * Decodes a UTF-8 text file such as tiny-shakespeare's `input.txt`, rejecting invalid UTF-8 instead of
 * silently replacing it.
 *
 * @param bytes - The whole file.
 * @returns The text (a leading byte-order mark is dropped).
 * @throws {@link FormatError} If the bytes are not valid UTF-8.
 *
 * @example
 * ```ts
 * import { parseText } from '@nanograd/data';
 * parseText(new TextEncoder().encode('First Citizen:')); // 'First Citizen:'
 * ```
 * @category Readers
 */
export function parseText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError(`parseText: the ${bytes.length}-byte file is not valid UTF-8`);
  }
}
