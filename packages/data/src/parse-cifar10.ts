import { FormatError } from './parse-idx';

/** Bytes of one CIFAR-10 record: a label byte and a 3×32×32 image, channel-major (all red, then green, blue). */
const RECORD_BYTES = 1 + 3 * 32 * 32;

/**
 * One decoded CIFAR-10 binary batch.
 *
 * @example
 * ```ts
 * import type { Cifar10Batch } from '@nanograd/data';
 * const batch: Cifar10Batch = { count: 0, images: new Uint8Array(0), labels: new Uint8Array(0) };
 * ```
 * @category Readers
 */
export interface Cifar10Batch {
  /** Number of images. */
  readonly count: number;
  /** Pixels of shape [count, 3, 32, 32] (channel-major, rows of 32), values 0..255. */
  readonly images: Uint8Array;
  /** Class indices 0..9, one per image. */
  readonly labels: Uint8Array;
}

/**
 * Decodes a CIFAR-10 binary batch (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`): records of
 * one label byte followed by 3072 pixel bytes.
 *
 * @param bytes - The whole batch file.
 * @returns The images and labels, copied out of `bytes`.
 * @throws {@link FormatError} If the file is empty, not a whole number of records (truncated), or a label
 * is not 0..9.
 *
 * @example
 * ```ts
 * import { parseCifar10 } from '@nanograd/data';
 * const record = new Uint8Array(3073);
 * record[0] = 3;
 * parseCifar10(record).labels; // Uint8Array [3]
 * ```
 * @category Readers
 */
export function parseCifar10(bytes: Uint8Array): Cifar10Batch {
  if (bytes.length === 0 || bytes.length % RECORD_BYTES !== 0) {
    throw new FormatError(
      `parseCifar10: file has ${bytes.length} bytes, not a positive multiple of the ${RECORD_BYTES}-byte record (truncated?)`,
    );
  }
  const count = bytes.length / RECORD_BYTES;
  const pixels = RECORD_BYTES - 1;
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const start = i * RECORD_BYTES;
    const label = bytes[start] ?? 0;
    if (label > 9) throw new FormatError(`parseCifar10: record ${i} has label ${label}, expected 0..9`);
    labels[i] = label;
    images.set(bytes.subarray(start + 1, start + RECORD_BYTES), i * pixels);
  }
  return { count, images, labels };
}
