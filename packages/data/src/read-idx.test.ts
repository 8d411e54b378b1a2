import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gunzip } from './gunzip';
import { FormatError } from './parse-idx';
import { readIdx } from './read-idx';

// CI clones the repo to <tmp>/main with the shared material at <tmp>/shared.
const dataDir = process.env.NANOGRAD_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const labelsPath = join(dataDir, 'mnist', 't10k-labels-idx1-ubyte.gz');

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

describe('readIdx', () => {
  it('reads raw and gzip IDX files alike', async () => {
    const raw = new Uint8Array([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]);
    const fromRaw = await readIdx(raw);
    const fromGzip = await readIdx(await gzip(raw));
    expect(fromRaw.shape).toEqual([2, 2]);
    expect(Array.from(fromGzip.data)).toEqual([1, 2, 3, 4]);
  });

  describe.skipIf(!existsSync(labelsPath))('corrupted copies of the real MNIST test labels', () => {
    const packed = existsSync(labelsPath) ? new Uint8Array(readFileSync(labelsPath)) : new Uint8Array(0);

    it('reads the intact file', async () => {
      const labels = await readIdx(packed);
      expect(labels.shape).toEqual([10000]);
      expect(Array.from(labels.data.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    });

    it('rejects a wrong magic number', async () => {
      const raw = await gunzip(packed);
      raw[2] = 0x42;
      await expect(readIdx(raw)).rejects.toThrow('parseIdx: unknown type code 0x42');
      raw[2] = 0x08;
      raw[0] = 1;
      await expect(readIdx(await gzip(raw))).rejects.toThrow(/parseIdx: bad magic number/);
    });

    it('rejects a count that disagrees with the file size, before allocating', async () => {
      const raw = await gunzip(packed);
      new DataView(raw.buffer).setUint32(4, 10001, false);
      await expect(readIdx(raw)).rejects.toThrow('parseIdx: a uint8 array of shape [10001] needs 10009 bytes, file has 10008');
      new DataView(raw.buffer).setUint32(4, 0xffffffff, false);
      await expect(readIdx(raw)).rejects.toThrow(/shape \[4294967295\] needs 4294967303 bytes, file has 10008/);
    });

    it('rejects truncated files, raw and gzip', async () => {
      const raw = await gunzip(packed);
      await expect(readIdx(raw.subarray(0, 5000))).rejects.toThrow('needs 10008 bytes, file has 5000');
      await expect(readIdx(packed.subarray(0, packed.length - 100))).rejects.toThrow(/^gunzip: /);
    });

    it('rejects bad gzip data', async () => {
      const corrupt = packed.slice();
      for (let i = 100; i < 140; i++) corrupt[i] = 0xaa;
      await expect(readIdx(corrupt)).rejects.toThrow(FormatError);
      await expect(readIdx(corrupt)).rejects.toThrow(/^gunzip: /);
    });
  });
});
