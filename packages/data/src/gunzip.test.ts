import { describe, expect, it } from 'vitest';
import { gunzip, isGzip } from './gunzip';
import { FormatError } from './parse-idx';

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

describe('gunzip', () => {
  it('round-trips through CompressionStream', async () => {
    const original = new Uint8Array(1000).map((_, i) => (i * 7) % 251);
    const packed = await gzip(original);
    expect(isGzip(packed)).toBe(true);
    expect(isGzip(original)).toBe(false);
    expect(await gunzip(packed)).toEqual(original);
    expect(await gunzip(await gzip(new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it('rejects non-gzip, truncated and corrupt input', async () => {
    const packed = await gzip(new Uint8Array(5000).map((_, i) => (i * 13) % 256));
    await expect(gunzip(new Uint8Array([1, 2, 3]))).rejects.toThrow('gunzip: not gzip data');
    await expect(gunzip(packed.subarray(0, 12))).rejects.toThrow(/gunzip: truncated gzip data \(12 bytes/);
    await expect(gunzip(packed.slice(0, packed.length - 8))).rejects.toThrow(FormatError);
    await expect(gunzip(packed.slice(0, packed.length - 30))).rejects.toThrow(FormatError);
    const flipped = packed.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 0xff;
    await expect(gunzip(flipped)).rejects.toThrow(FormatError);
  });

  it('checks the ISIZE trailer before allocating and against the output', async () => {
    const packed = await gzip(new Uint8Array(100).fill(1));
    const huge = packed.slice();
    new DataView(huge.buffer).setUint32(huge.length - 4, 0xfffffff0, true);
    await expect(gunzip(huge)).rejects.toThrow(/trailer claims 4294967280 decompressed bytes, impossible/);
    const short = packed.slice();
    new DataView(short.buffer).setUint32(short.length - 4, 50, true);
    await expect(gunzip(short)).rejects.toThrow(FormatError);
  });
});
