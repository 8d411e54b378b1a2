import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gunzip } from './gunzip';
import { FormatError, parseIdx } from './parse-idx';

function idx(code: number, shape: number[], body: number[], bytesPerElement: number, write: (view: DataView, at: number, value: number) => void): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * shape.length + body.length * bytesPerElement);
  const view = new DataView(bytes.buffer);
  bytes[2] = code;
  bytes[3] = shape.length;
  shape.forEach((extent, axis) => view.setUint32(4 + 4 * axis, extent, false));
  body.forEach((value, i) => write(view, 4 + 4 * shape.length + i * bytesPerElement, value));
  return bytes;
}

const dataDir = process.env.NANOGRAD_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');

describe('parseIdx', () => {
  it('decodes big-endian arrays of every type', () => {
    const u8 = parseIdx(idx(0x08, [2, 3], [0, 1, 2, 253, 254, 255], 1, (v, at, x) => v.setUint8(at, x)));
    expect(u8.type).toBe('uint8');
    expect(u8.shape).toEqual([2, 3]);
    expect(Array.from(u8.data)).toEqual([0, 1, 2, 253, 254, 255]);
    const i16 = parseIdx(idx(0x0b, [2], [-2, 300], 2, (v, at, x) => v.setInt16(at, x, false)));
    expect(Array.from(i16.data)).toEqual([-2, 300]);
    const i32 = parseIdx(idx(0x0c, [1], [-70000], 4, (v, at, x) => v.setInt32(at, x, false)));
    expect(Array.from(i32.data)).toEqual([-70000]);
    const f32 = parseIdx(idx(0x0d, [2], [1.5, -0.25], 4, (v, at, x) => v.setFloat32(at, x, false)));
    expect(Array.from(f32.data)).toEqual([1.5, -0.25]);
    const f64 = parseIdx(idx(0x0e, [1, 1], [Math.PI], 8, (v, at, x) => v.setFloat64(at, x, false)));
    expect(f64.data[0]).toBe(Math.PI);
    expect(f64.shape).toEqual([1, 1]);
  });

  it('rejects malformed files with a message naming the problem', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(FormatError);
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0]))).toThrow(/parseIdx: bad magic number.*gzip/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x42, 1, 0, 0, 0, 0]))).toThrow('parseIdx: unknown type code 0x42');
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 2, 0, 0, 0, 1]))).toThrow(/header of a rank-2 array needs 12 bytes/);
    const truncated = idx(0x08, [4], [1, 2, 3, 4], 1, (v, at, x) => v.setUint8(at, x)).subarray(0, 10);
    expect(() => parseIdx(truncated)).toThrow('parseIdx: a uint8 array of shape [4] needs 12 bytes, file has 10');
  });

  it.skipIf(!existsSync(join(dataDir, 'mnist')))('reads the real MNIST test labels', async () => {
    const packed = new Uint8Array(readFileSync(join(dataDir, 'mnist', 't10k-labels-idx1-ubyte.gz')));
    const labels = parseIdx(await gunzip(packed));
    expect(labels.shape).toEqual([10000]);
    // The first test digits of MNIST are 7, 2, 1, 0, 4.
    expect(Array.from(labels.data.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const counts = new Array<number>(10).fill(0);
    for (const label of labels.data) counts[label] = (counts[label] ?? 0) + 1;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10000);
    expect(Math.min(...counts)).toBeGreaterThan(800);
  });
});
