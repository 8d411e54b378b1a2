import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChecksumError } from './checksum-error';
import { DownloadError } from './download-error';
import type { DownloadProgress } from './load-options';
import { loadTinyShakespeare } from './load-tiny-shakespeare';
import { serve, type FixtureServer } from './internal/serve';

const dataDir = process.env.NANOGRAD_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data');
const fixture = new TextEncoder().encode('To be, or not to be: that is the question.\n');
const fixtureSha256 = createHash('sha256').update(fixture).digest('hex');

describe.skipIf(!existsSync(join(dataDir, 'tinyshakespeare', 'input.txt')))('loadTinyShakespeare from the shared data directory', () => {
  it('verifies the file and tokenizes it with 65 characters', async () => {
    const corpus = await loadTinyShakespeare({ dataDir, download: false });
    expect(corpus.text.length).toBe(1115394);
    expect(corpus.tokenizer.vocabSize).toBe(65);
    expect(corpus.tokens).toMatchObject({ shape: [1115394], dtype: 'i32' });
    expect(corpus.tokenizer.decode(corpus.tokens.data.subarray(0, 14))).toBe('First Citizen:');
  });
});

describe('downloads (local HTTP server, no network)', () => {
  let server: FixtureServer;
  let root: string;
  beforeAll(async () => {
    server = await serve({ '/mirror-b/input.txt': fixture, '/input.txt': fixture });
  });
  afterAll(() => server.close());
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'nanograd-download-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
  });

  it('downloads a missing file, trying mirrors in order, reporting progress and verifying it', async () => {
    const progress: DownloadProgress[] = [];
    const corpus = await loadTinyShakespeare({
      dataDir: root,
      sources: { 'input.txt': { urls: [`${server.url}/mirror-a/input.txt`, `${server.url}/mirror-b/input.txt`], sha256: fixtureSha256 } },
      onProgress: (event) => progress.push(event),
    });
    expect(corpus.text).toBe('To be, or not to be: that is the question.\n');
    expect(server.requests.slice(-2)).toEqual(['/mirror-a/input.txt', '/mirror-b/input.txt']);
    expect(progress.at(-1)).toEqual({ file: 'input.txt', url: `${server.url}/mirror-b/input.txt`, receivedBytes: fixture.length, totalBytes: fixture.length });
    expect(readdirSync(join(root, 'tinyshakespeare'))).toEqual(['input.txt']);
    expect(new Uint8Array(readFileSync(join(root, 'tinyshakespeare', 'input.txt')))).toEqual(fixture);
    // The second load reads the verified file from disk.
    const before = server.requests.length;
    await loadTinyShakespeare({ dataDir: root, download: false, sources: { 'input.txt': { urls: [], sha256: fixtureSha256 } } });
    expect(server.requests.length).toBe(before);
  });

  it('rejects a download with the wrong checksum and leaves no file behind', async () => {
    // baseUrl keeps the canonical checksum, which the fixture does not have.
    const attempt = loadTinyShakespeare({ dataDir: root, baseUrl: server.url });
    await expect(attempt).rejects.toThrow(DownloadError);
    await expect(loadTinyShakespeare({ dataDir: root, baseUrl: server.url })).rejects.toThrow(
      new RegExp(`loadTinyShakespeare: could not download .*input\\.txt\\n  ${server.url}/input\\.txt: SHA-256 mismatch: got ${fixtureSha256}, expected 86c4e6aa`),
    );
    expect(readdirSync(join(root, 'tinyshakespeare'))).toEqual([]);
  });

  it('reports every failed mirror and refuses oversized downloads', async () => {
    await expect(
      loadTinyShakespeare({ dataDir: root, sources: { 'input.txt': { urls: [`${server.url}/nowhere`], sha256: fixtureSha256 } } }),
    ).rejects.toThrow(/\/nowhere: HTTP 404/);
    await expect(
      loadTinyShakespeare({ dataDir: root, sources: { 'input.txt': { urls: [`${server.url}/input.txt`], sha256: fixtureSha256, size: 10 } } }),
    ).rejects.toThrow(/served more than the expected 10 bytes/);
    expect(readdirSync(join(root, 'tinyshakespeare'))).toEqual([]);
  });

  it('rejects a corrupt file on disk unless verification is off', async () => {
    mkdirSync(join(root, 'tinyshakespeare'));
    writeFileSync(join(root, 'tinyshakespeare', 'input.txt'), 'not shakespeare');
    const options = { dataDir: root, download: false, sources: { 'input.txt': { urls: [], sha256: fixtureSha256 } } };
    await expect(loadTinyShakespeare(options)).rejects.toThrow(ChecksumError);
    await expect(loadTinyShakespeare(options)).rejects.toThrow(/input\.txt has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64} \(corrupt or a different file; delete it/);
    expect((await loadTinyShakespeare({ ...options, verify: false })).text).toBe('not shakespeare');
  });

  it('fails clearly when the file is missing and downloads are disabled', async () => {
    await expect(loadTinyShakespeare({ dataDir: root, download: false })).rejects.toThrow(
      /loadTinyShakespeare: .*tinyshakespeare\/input\.txt is missing and download is disabled \(get it from https:\/\/raw\.githubusercontent\.com/,
    );
  });
});
