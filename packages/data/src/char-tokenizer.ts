/**
 * Thrown when text holds a character outside a tokenizer's vocabulary or an id is out of range.
 *
 * @example
 * ```ts
 * import { TokenizerError } from '@nanograd/data';
 * new TokenizerError('CharTokenizer.encode: unknown character').name; // 'TokenizerError'
 * ```
 * @category Text
 */
export class TokenizerError extends Error {
  /** Creates the error; `message` starts with the method name. */
  constructor(message: string) {
    super(message);
    this.name = 'TokenizerError';
  }
}

function describe(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `${JSON.stringify(character)} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * A character-level tokenizer (as in char-rnn and nanoGPT's Shakespeare example): every distinct
 * character (Unicode code point) is a token, ids follow code-point order.
 *
 * @example
 * ```ts
 * import { CharTokenizer } from '@nanograd/data';
 * const tokenizer = CharTokenizer.fromText('hello');
 * tokenizer.vocabulary; // ['e', 'h', 'l', 'o']
 * tokenizer.encode('hole'); // Int32Array [1, 3, 2, 0]
 * tokenizer.decode([1, 0, 2, 2, 3]); // 'hello'
 * ```
 * @category Text
 */
export class CharTokenizer {
  /** The characters, id order. */
  readonly vocabulary: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  /**
   * Builds a tokenizer whose id `i` is `vocabulary[i]`.
   *
   * @throws {@link TokenizerError} If an entry is not a single character or appears twice.
   */
  constructor(vocabulary: readonly string[]) {
    const ids = new Map<string, number>();
    vocabulary.forEach((character, id) => {
      if ([...character].length !== 1) throw new TokenizerError(`CharTokenizer: vocabulary entry ${id} is ${JSON.stringify(character)}, not one character`);
      if (ids.has(character)) throw new TokenizerError(`CharTokenizer: character ${describe(character)} appears twice in the vocabulary`);
      ids.set(character, id);
    });
    this.vocabulary = [...vocabulary];
    this.ids = ids;
  }

  /**
   * Builds the vocabulary of all distinct characters of `text`, sorted by code point (deterministic).
   *
   * @param text - The corpus.
   * @returns The tokenizer.
   */
  static fromText(text: string): CharTokenizer {
    const characters = [...new Set(text)];
    characters.sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0));
    return new CharTokenizer(characters);
  }

  /** Number of distinct tokens. */
  get vocabSize(): number {
    return this.vocabulary.length;
  }

  /**
   * Maps text to token ids.
   *
   * @param text - Characters of the vocabulary.
   * @returns One id per character.
   * @throws {@link TokenizerError} Naming the first unknown character and its position.
   */
  encode(text: string): Int32Array {
    const characters = [...text];
    const out = new Int32Array(characters.length);
    characters.forEach((character, i) => {
      const id = this.ids.get(character);
      if (id === undefined) throw new TokenizerError(`CharTokenizer.encode: unknown character ${describe(character)} at position ${i}`);
      out[i] = id;
    });
    return out;
  }

  /**
   * Maps token ids back to text.
   *
   * @param ids - Integers in [0, vocabSize).
   * @returns The text.
   * @throws {@link TokenizerError} If an id is out of range.
   */
  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? -1;
      const character = Number.isInteger(id) ? this.vocabulary[id] : undefined;
      if (character === undefined) throw new TokenizerError(`CharTokenizer.decode: id ${id} at position ${i} is outside [0, ${this.vocabSize})`);
      text += character;
    }
    return text;
  }
}
