// Test helper: writes a minimal ustar archive, so readers can be tested against bytes built by hand.

function writeString(block: Uint8Array, offset: number, value: string): void {
  block.set(new TextEncoder().encode(value), offset);
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/** Members of a tar archive built by {@link buildTar}. */
export interface TarMember {
  /** Path inside the archive. */
  readonly name: string;
  /** File contents; omitted for a directory. */
  readonly data?: Uint8Array;
}

/** Builds a ustar archive (regular files and directories) ending in two zero blocks. */
export function buildTar(members: readonly TarMember[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const member of members) {
    const header = new Uint8Array(512);
    const data = member.data ?? new Uint8Array(0);
    writeString(header, 0, member.name);
    writeOctal(header, 100, 8, member.data === undefined ? 0o755 : 0o644);
    writeOctal(header, 108, 8, 0);
    writeOctal(header, 116, 8, 0);
    writeOctal(header, 124, 12, data.length);
    writeOctal(header, 136, 12, 0);
    header[156] = (member.data === undefined ? '5' : '0').charCodeAt(0);
    writeString(header, 257, 'ustar\u000000');
    header.fill(0x20, 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    writeString(header, 148, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header);
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((total, block) => total + block.length, 0));
  let offset = 0;
  for (const block of blocks) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}
