import { CharTokenizer } from '../char-tokenizer';
import { parseText } from '../parse-text';
import type { TensorData } from '../tensor-data';
import type { LoadOptions } from './load-options';
import { ensureFile } from './internal/ensure-file';

/**
 * The tiny-shakespeare corpus with its character vocabulary.
 *
 * @example
 * ```ts
 * import { loadTinyShakespeare, type TextCorpus } from '@nanograd/data/node';
 * // The first call downloads the 1 MB text into the data directory.
 * async function vocabularySize(): Promise<number> {
 *   const corpus: TextCorpus = await loadTinyShakespeare();
 *   return corpus.tokenizer.vocabSize; // 65
 * }
 * ```
 * @category Datasets
 */
export interface TextCorpus {
  /** The whole text. */
  readonly text: string;
  /** Character tokenizer over the text's sorted distinct characters. */
  readonly tokenizer: CharTokenizer;
  /** The text encoded with `tokenizer`: `i32` [length]. */
  readonly tokens: TensorData;
}

/**
 * Loads tiny-shakespeare (about 1 MB of Shakespeare's plays, Karpathy's char-rnn corpus) from
 * `<dataDir>/tinyshakespeare/input.txt`, or downloads it from the char-rnn repository, SHA-256 verified.
 *
 * @param options - Data directory and download options.
 * @returns The text, its {@link CharTokenizer} (65 characters) and the encoded tokens.
 * @throws {@link ChecksumError} If the file on disk is corrupt.
 * @throws {@link DownloadError} If the file is missing and cannot be downloaded.
 * @throws FormatError (from `@nanograd/data`) If the file is not valid UTF-8.
 *
 * @example
 * ```ts
 * import { loadTinyShakespeare } from '@nanograd/data/node';
 * // The first call downloads the 1 MB text into the data directory.
 * async function firstLine(): Promise<string> {
 *   const { text, tokenizer } = await loadTinyShakespeare();
 *   return tokenizer.decode(tokenizer.encode(text.slice(0, 14))); // 'First Citizen:'
 * }
 * ```
 * @category Datasets
 */
export async function loadTinyShakespeare(options: LoadOptions = {}): Promise<TextCorpus> {
  const text = parseText(await ensureFile('loadTinyShakespeare', 'tinyshakespeare', 'input.txt', options));
  const tokenizer = CharTokenizer.fromText(text);
  const ids = tokenizer.encode(text);
  return { text, tokenizer, tokens: { data: ids, shape: [ids.length], dtype: 'i32' } };
}
