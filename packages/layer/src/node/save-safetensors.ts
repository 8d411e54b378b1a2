// Writes a model's state to a .safetensors file.
import { writeFile } from 'node:fs/promises';
import { Module, type StateDict } from '../module';
import { encodeSafetensors, type EncodeSafetensorsOptions } from '../safetensors';

/**
 * Writes a model's parameters and buffers (or any state) to a safetensors file.
 *
 * @param source - A model, or tensors by name.
 * @param path - The file to create or overwrite.
 * @param options - `metadata`: strings stored in the header.
 * @returns Resolves once the file is written.
 * @throws `StateDictError` If a key is `__metadata__` or a metadata value is not a string.
 *
 * @example
 * ```ts
 * import { Dense } from '@nanograd/layer';
 * import { loadSafetensors, saveSafetensors } from '@nanograd/layer/node';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'dense.safetensors');
 * await saveSafetensors(new Dense(2, 3), path, { metadata: { epoch: '1' } });
 * Object.keys((await loadSafetensors(path)).state); // ['weight', 'bias']
 * ```
 * @category Serialization
 */
export async function saveSafetensors(source: Module | StateDict, path: string, options: EncodeSafetensorsOptions = {}): Promise<void> {
  const state = source instanceof Module ? source.stateDict() : source;
  await writeFile(path, encodeSafetensors(state, options));
}
