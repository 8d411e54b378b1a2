import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../parse-idx';
import { buildTar, type TarMember } from './internal/build-tar';
import { serve, type FixtureServer } from './internal/serve';
import { loadCifar10 } from './load-cifar10';

// A miniature cifar-10-binary.tar.gz: batch b holds 2 records (test: 3) whose pixels encode batch, record and position.
function batch(b: number, count: number): Uint8Array {
  const bytes = new Uint8Array(count * 3073);
  for (let r = 0; r < count; r++) {
    bytes[r * 3073] = (b + r) % 10;
    for (let p = 0; p < 3072; p++) bytes[r * 3073 + 1 + p] = (b * 31 + r * 7 + p) % 256;
  }
  return bytes;
}

function archive(members: readonly TarMember[]): Uint8Array {
  return new Uint8Array(gzipSync(buildTar(members)));
}

const names = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
const good = archive([
  { name: 'cifar-10-batches-bin' },
  ...names.map((name, i) => ({ name: `cifar-10-batches-bin/${name}`, data: batch(i + 1, 2) })),
  { name: 'cifar-10-batches-bin/test_batch.bin', data: batch(0, 3) },
  { name: 'cifar-10-batches-bin/batches.meta.txt', data: new TextEncoder().encode('airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n') },
]);
const truncated = archive([
  ...names.map((name, i) => ({ name: `cifar-10-batches-bin/${name}`, data: batch(i + 1, 2).subarray(0, i === 2 ? 3073 + 50 : undefined) })),
  { name: 'cifar-10-batches-bin/test_batch.bin', data: batch(0, 3) },
]);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('loadCifar10 (fixture archive served locally)', () => {
  let server: FixtureServer;
  let root: string;
  beforeAll(async () => {
    server = await serve({ '/good.tar.gz': good, '/truncated.tar.gz': truncated });
    root = mkdtempSync(join(tmpdir(), 'nanograd-cifar-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads, verifies and reads the batches back', async () => {
    const source = { urls: [`${server.url}/good.tar.gz`], sha256: sha(good) };
    const cifar = await loadCifar10({ dataDir: root, sources: { 'cifar-10-binary.tar.gz': source } });
    expect(cifar.train.images).toMatchObject({ shape: [10, 3, 32, 32], dtype: 'f32' });
    expect(cifar.test.images.shape).toEqual([3, 3, 32, 32]);
    expect(Array.from(cifar.train.labels.data)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(Array.from(cifar.test.labels.data)).toEqual([0, 1, 2]);
    // Train image 5 is record 1 of batch 3: pixel p is (3 * 31 + 7 + p) % 256.
    expect(cifar.train.raw.images[5 * 3072 + 1000]).toBe((93 + 7 + 1000) % 256);
    expect(cifar.train.images.data[5 * 3072 + 1000]).toBe(Math.fround(((93 + 7 + 1000) % 256) / 255));
    expect(cifar.classes[9]).toBe('truck');
    const flat = await loadCifar10({ dataDir: root, download: false, flatten: true, sources: { 'cifar-10-binary.tar.gz': source } });
    expect(flat.test.images.shape).toEqual([3, 3072]);
  });

  it('rejects an archive with a truncated batch', async () => {
    const dir = join(root, 'other');
    const source = { urls: [`${server.url}/truncated.tar.gz`], sha256: sha(truncated) };
    const attempt = loadCifar10({ dataDir: dir, sources: { 'cifar-10-binary.tar.gz': source } });
    await expect(attempt).rejects.toThrow(FormatError);
    await expect(loadCifar10({ dataDir: dir, sources: { 'cifar-10-binary.tar.gz': source } })).rejects.toThrow(
      'parseCifar10: file has 3123 bytes, not a positive multiple of the 3073-byte record (truncated?)',
    );
  });
});
