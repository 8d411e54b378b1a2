import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSource } from './sources';
import { serve, type FixtureServer } from './internal/serve';
import { loadFashionMnist } from './load-fashion-mnist';

function idx(shape: number[], body: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((extent, axis) => new DataView(header.buffer).setUint32(4 + 4 * axis, extent, false));
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

const trainImages = Uint8Array.from({ length: 3 * 4 }, (_, i) => i * 20);
const files: Record<string, Uint8Array> = {
  '/train-images-idx3-ubyte.gz': new Uint8Array(gzipSync(idx([3, 2, 2], trainImages))),
  '/train-labels-idx1-ubyte.gz': new Uint8Array(gzipSync(idx([3], new Uint8Array([9, 0, 4])))),
  // The test split is stored raw: the reader detects gzip by its magic bytes.
  '/t10k-images-idx3-ubyte.gz': idx([1, 2, 2], new Uint8Array([255, 0, 0, 255])),
  '/t10k-labels-idx1-ubyte.gz': idx([2], new Uint8Array([1, 2])),
};

describe('loadFashionMnist (fixture files served locally)', () => {
  let server: FixtureServer;
  let root: string;
  beforeAll(async () => {
    server = await serve(files);
    root = mkdtempSync(join(tmpdir(), 'nanograd-fashion-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  function sources(names: readonly string[]): Record<string, FileSource> {
    return Object.fromEntries(
      names.map((name) => {
        const body = files[`/${name}`] ?? new Uint8Array(0);
        return [name, { urls: [`${server.url}/${name}`], sha256: createHash('sha256').update(body).digest('hex') }];
      }),
    );
  }

  it('downloads and checks that images and labels agree', async () => {
    const all = Object.keys(files).map((path) => path.slice(1));
    // The test labels file holds 2 labels for 1 image.
    await expect(loadFashionMnist({ dataDir: root, sources: sources(all) })).rejects.toThrow(
      'loadFashionMnist: t10k-labels-idx1-ubyte.gz holds uint8 [2], expected uint8 [1]',
    );
  });

  it('loads consistent files with class names', async () => {
    files['/t10k-labels-idx1-ubyte.gz'] = idx([1], new Uint8Array([7]));
    const dir = join(root, 'second');
    const fashion = await loadFashionMnist({ dataDir: dir, channels: true, sources: sources(Object.keys(files).map((path) => path.slice(1))) });
    expect(fashion.train.images.shape).toEqual([3, 1, 2, 2]);
    expect(Array.from(fashion.train.labels.data)).toEqual([9, 0, 4]);
    expect(fashion.train.images.data[5]).toBe(Math.fround(100 / 255));
    expect(Array.from(fashion.test.images.data)).toEqual([1, 0, 0, 1]);
    expect(fashion.classes[fashion.train.labels.data[0] ?? 0]).toBe('Ankle boot');
  });
});
