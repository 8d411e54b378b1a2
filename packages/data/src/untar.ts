import { FormatError } from './parse-idx';

const BLOCK = 512;

/**
 * One member of a tar archive.
 *
 * @example
 * ```ts
 * import type { TarEntry } from '@nanograd/data';
 * const entry: TarEntry = { name: 'a.txt', type: 'file', size: 1, data: new Uint8Array([65]) };
 * ```
 * @category Readers
 */
export interface TarEntry {
  /** Path inside the archive (ustar prefix, GNU long names and pax `path` records applied). */
  readonly name: string;
  /** `'file'` for regular files, `'directory'`, or `'other'` (links, devices, fifos). */
  readonly type: 'file' | 'directory' | 'other';
  /** Size of `data` in bytes. */
  readonly size: number;
  /** The member's contents: a view into the archive bytes, not a copy. */
  readonly data: Uint8Array;
}

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end));
}

function octal(bytes: Uint8Array, start: number, length: number, what: string, offset: number): number {
  const field = text(bytes, start, length).trim();
  if (!/^[0-7]+$/.test(field)) {
    throw new FormatError(`untar: header at byte ${offset} has a bad ${what} field '${field}'`);
  }
  return parseInt(field, 8);
}

function paxPath(data: Uint8Array): string | undefined {
  // pax records read "<length> key=value\n"; only the path matters here.
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
  return match?.[1];
}

/**
 * Lists the members of an uncompressed ustar/GNU tar archive (gunzip a `.tar.gz` first), validating every
 * header's checksum and that each member's data lies inside the archive.
 *
 * @param bytes - The whole archive.
 * @returns The members in archive order, with views of their data.
 * @throws {@link FormatError} On a bad header checksum, a missing ustar magic, a bad size field, or a
 * truncated archive.
 *
 * @example
 * ```ts
 * import { untar } from '@nanograd/data';
 * untar(new Uint8Array(1024)); // [] (an empty archive is two zero blocks)
 * ```
 * @category Readers
 */
export function untar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset < bytes.length) {
    if (bytes.length - offset < BLOCK) {
      if (bytes.subarray(offset).every((byte) => byte === 0)) break;
      throw new FormatError(`untar: truncated header at byte ${offset} (${bytes.length - offset} of ${BLOCK} bytes)`);
    }
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const stored = octal(header, 148, 8, 'checksum', offset);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
    if (sum !== stored) {
      throw new FormatError(`untar: header checksum mismatch at byte ${offset} (stored ${stored}, computed ${sum})`);
    }
    if (text(header, 257, 5) !== 'ustar') {
      throw new FormatError(`untar: header at byte ${offset} lacks the ustar magic (not a POSIX or GNU tar archive)`);
    }
    const size = octal(header, 124, 12, 'size', offset);
    const dataStart = offset + BLOCK;
    if (dataStart + size > bytes.length) {
      throw new FormatError(`untar: member at byte ${offset} declares ${size} bytes, only ${bytes.length - dataStart} remain (truncated archive)`);
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    const flag = String.fromCharCode(header[156] ?? 0);
    if (flag === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (flag === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (flag === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix === '' ? text(header, 0, 100) : `${prefix}/${text(header, 0, 100)}`);
    longName = undefined;
    const type = flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'directory' : 'other';
    entries.push({ name, type, size, data });
  }
  return entries;
}
