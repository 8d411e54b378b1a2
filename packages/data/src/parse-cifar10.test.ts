import { describe, expect, it } from 'vitest';
import { parseCifar10 } from './parse-cifar10';

function record(label: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(3073);
  bytes[0] = label;
  for (let i = 1; i < bytes.length; i++) bytes[i] = (i * seed + label) % 256;
  return bytes;
}

describe('parseCifar10', () => {
  it('reads back a batch built record by record', () => {
    const records = [record(3, 7), record(9, 11), record(0, 13)];
    const file = new Uint8Array(3 * 3073);
    records.forEach((r, i) => file.set(r, i * 3073));
    const batch = parseCifar10(file);
    expect(batch.count).toBe(3);
    expect(Array.from(batch.labels)).toEqual([3, 9, 0]);
    expect(batch.images.length).toBe(3 * 3072);
    // Pixel (channel 1, row 2, column 5) of image 1 is byte 1 + 1024 + 2 * 32 + 5 of its record.
    expect(batch.images[3072 + 1024 + 2 * 32 + 5]).toBe(records[1]?.[1 + 1024 + 64 + 5]);
    expect(batch.images.subarray(2 * 3072)).toEqual(records[2]?.subarray(1));
  });

  it('rejects truncated, empty and mislabelled batches', () => {
    const file = new Uint8Array(2 * 3073);
    expect(() => parseCifar10(file.subarray(0, 3073 + 100))).toThrow('parseCifar10: file has 3173 bytes, not a positive multiple of the 3073-byte record (truncated?)');
    expect(() => parseCifar10(new Uint8Array(0))).toThrow(/parseCifar10: file has 0 bytes/);
    file[3073] = 10;
    expect(() => parseCifar10(file)).toThrow('parseCifar10: record 1 has label 10, expected 0..9');
  });
});
