/**
 * Node.js file helpers of @nanograd/layer: save and load model state as safetensors or JSON files.
 *
 * @example
 * ```ts
 * import { Dense } from '@nanograd/layer';
 * import { loadSafetensors, saveSafetensors } from '@nanograd/layer/node';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * await saveSafetensors(new Dense(2, 3), join(tmpdir(), 'model.safetensors'));
 * ```
 *
 * @packageDocumentation
 */

export { saveSafetensors } from './save-safetensors';
export { loadSafetensors } from './load-safetensors';
export { saveJson } from './save-json';
export { loadJson } from './load-json';
