// Where an example finds its data without hard-coding a path: NANOGRAD_DATA, else a `shared/data` directory
// beside the repository root (how the workspace and CI lay it out), else the library's default cache.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data directory to pass to the loaders, or undefined to let them use their default (`~/.cache/nanograd`). */
export function dataDirectory(): string | undefined {
  const fromEnvironment = process.env['NANOGRAD_DATA'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment);
  // src/ → shared/ → examples/ → repository root; the shared directory sits beside the root.
  const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const shared = resolve(repositoryRoot, '..', 'shared', 'data');
  return existsSync(shared) ? shared : undefined;
}
