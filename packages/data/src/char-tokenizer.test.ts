import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CharTokenizer, TokenizerError } from './char-tokenizer';

const dataDir = process.env.NANOGRAD_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const shakespeare = join(dataDir, 'tinyshakespeare', 'input.txt');

describe('CharTokenizer', () => {
  it('builds a sorted vocabulary and round-trips', () => {
    const tokenizer = CharTokenizer.fromText('hello world');
    expect(tokenizer.vocabulary).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(tokenizer.vocabSize).toBe(8);
    expect(Array.from(tokenizer.encode('hold'))).toEqual([3, 5, 4, 1]);
    expect(tokenizer.decode(tokenizer.encode('hello world'))).toBe('hello world');
    // Code points, not UTF-16 units: an astral character is one token.
    const emoji = CharTokenizer.fromText('a😀b');
    expect(emoji.vocabulary).toEqual(['a', 'b', '😀']);
    expect(Array.from(emoji.encode('😀a'))).toEqual([2, 0]);
  });

  it('names unknown characters and out-of-range ids', () => {
    const tokenizer = CharTokenizer.fromText('abc');
    expect(() => tokenizer.encode('abz')).toThrow('CharTokenizer.encode: unknown character "z" (U+007A) at position 2');
    expect(() => tokenizer.encode('a\n')).toThrow(TokenizerError);
    expect(() => tokenizer.decode([0, 3])).toThrow('CharTokenizer.decode: id 3 at position 1 is outside [0, 3)');
    expect(() => new CharTokenizer(['a', 'a'])).toThrow('CharTokenizer: character "a" (U+0061) appears twice in the vocabulary');
  });

  it.skipIf(!existsSync(shakespeare))('round-trips tiny-shakespeare with 65 characters', () => {
    const text = readFileSync(shakespeare, 'utf8');
    const tokenizer = CharTokenizer.fromText(text);
    expect(tokenizer.vocabSize).toBe(65);
    expect(tokenizer.vocabulary.join('')).toBe("\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    const ids = tokenizer.encode(text);
    expect(ids.length).toBe(1115394);
    expect(tokenizer.decode(ids)).toBe(text);
  });
});
