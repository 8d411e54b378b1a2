// Reads a JSON state file into a model.
import { readFile } from 'node:fs/promises';
import type { LoadStateDictOptions, Module } from '../module';
import { StateDictError } from '../state-dict-error';
import { stateDictFromJson } from '../state-json';

/**
 * Reads a JSON state file ({@link saveJson}) and copies it into `model`, in place.
 *
 * @param model - The model to overwrite.
 * @param path - The file.
 * @param options - `strict` (default true) rejects missing and unexpected keys.
 * @returns Resolves once the model holds the file's values.
 * @throws `StateDictError` If the file is not JSON, an entry is invalid, or (strict) keys are missing or
 * unexpected.
 * @throws `ShapeError` If a tensor's shape differs from the model's.
 *
 * @example
 * ```ts
 * import { Dense } from '@nanograd/layer';
 * import { loadJson, saveJson } from '@nanograd/layer/node';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'dense-load.json');
 * const original = new Dense(2, 3);
 * await saveJson(original, path);
 * const copy = new Dense(2, 3);
 * await loadJson(copy, path); // copy.weight now equals original.weight
 * ```
 * @category Serialization
 */
export async function loadJson(model: Module, path: string, options: LoadStateDictOptions = {}): Promise<void> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateDictError(`loadJson: ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  model.loadStateDict(stateDictFromJson(json), options);
}
