import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';

/**
 * Resolves the data directory: the argument, else the environment variable `NANOGRAD_DATA`, else the
 * per-user cache `$XDG_CACHE_HOME/nanograd` or `~/.cache/nanograd`. Each dataset lives in a
 * sub-directory (`mnist/`, `fashion-mnist/`, `cifar10/`, `tinyshakespeare/`) under its original file names.
 *
 * @param dataDir - An explicit directory (relative paths resolve against the working directory).
 * @returns An absolute path.
 *
 * @example
 * ```ts
 * import { resolveDataDir } from '@nanograd/data/node';
 * resolveDataDir('/data/nanograd'); // '/data/nanograd'
 * ```
 * @category Datasets
 */
export function resolveDataDir(dataDir?: string): string {
  if (dataDir !== undefined && dataDir !== '') return resolve(dataDir);
  const fromEnvironment = process.env['NANOGRAD_DATA'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment);
  const cache = process.env['XDG_CACHE_HOME'];
  return cache !== undefined && cache !== '' ? join(resolve(cache), 'nanograd') : join(homedir(), '.cache', 'nanograd');
}
