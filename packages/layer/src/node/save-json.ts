// Writes a model's state to a JSON file.
import { writeFile } from 'node:fs/promises';
import { Module, type StateDict } from '../module';
import { stateDictToJson } from '../state-json';

/**
 * Writes a model's parameters and buffers (or any state) as JSON ({@link stateDictToJson}), exact for every value.
 *
 * @param source - A model, or tensors by name.
 * @param path - The file to create or overwrite.
 * @returns Resolves once the file is written.
 *
 * @example
 * ```ts
 * import { Dense } from '@nanograd/layer';
 * import { loadJson, saveJson } from '@nanograd/layer/node';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'dense.json');
 * await saveJson(new Dense(2, 3), path);
 * await loadJson(new Dense(2, 3), path);
 * ```
 * @category Serialization
 */
export async function saveJson(source: Module | StateDict, path: string): Promise<void> {
  const state = source instanceof Module ? source.stateDict() : source;
  await writeFile(path, JSON.stringify(stateDictToJson(state)), 'utf8');
}
