import { describe, expect, it } from 'vitest';
import { parseText } from './parse-text';

describe('parseText', () => {
  it('decodes UTF-8 and rejects invalid bytes', () => {
    expect(parseText(new TextEncoder().encode('Thou art — é'))).toBe('Thou art — é');
    expect(parseText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(() => parseText(new Uint8Array([0x41, 0xff, 0x42]))).toThrow('parseText: the 3-byte file is not valid UTF-8');
  });
});
