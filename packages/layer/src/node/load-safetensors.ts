// Reads a .safetensors file.
import { readFile } from 'node:fs/promises';
import { decodeSafetensors, type DecodedSafetensors, type DecodeSafetensorsOptions } from '../safetensors';

/**
 * Reads a safetensors file (ours, or one written by `safetensors.torch.save_file`) into new tensors.
 *
 * @param path - The file.
 * @param options - `maxHeaderBytes` (default 100 MB).
 * @returns The tensors by name and the header metadata; pass `state` to `Module.loadStateDict`.
 * @throws `StateDictError` If the file is malformed (see {@link decodeSafetensors}).
 *
 * @example
 * ```ts
 * import { Dense } from '@nanograd/layer';
 * import { loadSafetensors, saveSafetensors } from '@nanograd/layer/node';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'dense-load.safetensors');
 * await saveSafetensors(new Dense(2, 3), path);
 * const model = new Dense(2, 3);
 * model.loadStateDict((await loadSafetensors(path)).state);
 * ```
 * @category Serialization
 */
export async function loadSafetensors(path: string, options: DecodeSafetensorsOptions = {}): Promise<DecodedSafetensors> {
  const bytes = await readFile(path);
  return decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}
