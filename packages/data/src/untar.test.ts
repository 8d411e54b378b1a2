import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTar } from './node/internal/build-tar';
import { FormatError } from './parse-idx';
import { untar } from './untar';

function hasTar(): boolean {
  try {
    execFileSync('tar', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('untar', () => {
  const hello = new TextEncoder().encode('hello, world\n');
  const big = new Uint8Array(1300).map((_, i) => i % 251);

  it('lists members of a hand-built archive', () => {
    const entries = untar(buildTar([{ name: 'dir' }, { name: 'dir/hello.txt', data: hello }, { name: 'dir/big.bin', data: big }]));
    expect(entries.map((entry) => [entry.name, entry.type, entry.size])).toEqual([
      ['dir', 'directory', 0],
      ['dir/hello.txt', 'file', 13],
      ['dir/big.bin', 'file', 1300],
    ]);
    expect(entries[2]?.data).toEqual(big);
    expect(untar(new Uint8Array(1024))).toEqual([]);
  });

  it.skipIf(!hasTar())('reads an archive written by the system tar', () => {
    const root = mkdtempSync(join(tmpdir(), 'nanograd-untar-'));
    try {
      mkdirSync(join(root, 'cifar-10-batches-bin'));
      writeFileSync(join(root, 'cifar-10-batches-bin', 'hello.txt'), hello);
      writeFileSync(join(root, 'cifar-10-batches-bin', 'big.bin'), big);
      execFileSync('tar', ['-cf', join(root, 'out.tar'), '-C', root, 'cifar-10-batches-bin']);
      const entries = untar(new Uint8Array(readFileSync(join(root, 'out.tar'))));
      const files = new Map(entries.filter((entry) => entry.type === 'file').map((entry) => [entry.name, entry.data]));
      expect(files.get('cifar-10-batches-bin/hello.txt')).toEqual(hello);
      expect(files.get('cifar-10-batches-bin/big.bin')).toEqual(big);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('rejects a bad checksum, a missing magic, a bad size and truncation', () => {
    const archive = buildTar([{ name: 'a.bin', data: big }]);
    const badChecksum = archive.slice();
    badChecksum[0] = 'b'.charCodeAt(0);
    expect(() => untar(badChecksum)).toThrow(/^untar: header checksum mismatch at byte 0 \(stored \d+, computed \d+\)$/);
    expect(() => untar(badChecksum)).toThrow(FormatError);
    const noMagic = buildTar([{ name: 'a.bin', data: big }]);
    noMagic.fill(0, 257, 263);
    // Rewrite the checksum so only the magic is wrong.
    noMagic.fill(0x20, 148, 156);
    const sum = noMagic.subarray(0, 512).reduce((a, b) => a + b, 0);
    noMagic.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    expect(() => untar(noMagic)).toThrow('untar: header at byte 0 lacks the ustar magic');
    expect(() => untar(archive.subarray(0, 512 + 600))).toThrow('untar: member at byte 0 declares 1300 bytes, only 600 remain (truncated archive)');
    expect(() => untar(archive.subarray(0, 300))).toThrow('untar: truncated header at byte 0 (300 of 512 bytes)');
  });
});
