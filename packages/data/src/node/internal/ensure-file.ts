import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChecksumError } from '../checksum-error';
import { DownloadError } from '../download-error';
import type { LoadOptions } from '../load-options';
import { resolveDataDir } from '../resolve-data-dir';
import { DATASET_SOURCES, type DatasetName, type FileSource } from '../sources';
import { downloadFile } from './download-file';
import { sha256 } from './sha256';

/** The source of a file after the `sources` and `baseUrl` overrides. */
export function sourceOf(caller: string, dataset: DatasetName, file: string, options: LoadOptions): FileSource {
  const override = options.sources?.[file];
  if (override !== undefined) return override;
  const canonical = DATASET_SOURCES[dataset][file];
  if (canonical === undefined) throw new DownloadError(`${caller}: no source known for ${dataset}/${file}`);
  if (options.baseUrl === undefined) return canonical;
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  return { ...canonical, urls: [base + file] };
}

/** Throws ChecksumError unless `bytes` hash to `expected`. */
export function verifyChecksum(caller: string, bytes: Uint8Array, expected: string, path: string): void {
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new ChecksumError(`${caller}: ${path} has SHA-256 ${actual}, expected ${expected} (corrupt or a different file; delete it to download it again)`);
  }
}

/** The path of a dataset file in the data directory. */
export function pathOf(dataset: DatasetName, file: string, options: LoadOptions): string {
  return join(resolveDataDir(options.dataDir), dataset, file);
}

/** Reads a dataset file from the data directory, verified, or `undefined` when it is not there. */
export async function readLocal(caller: string, dataset: DatasetName, file: string, options: LoadOptions): Promise<Uint8Array | undefined> {
  const path = pathOf(dataset, file, options);
  if (!existsSync(path)) return undefined;
  const bytes = new Uint8Array(await readFile(path));
  if (options.verify !== false) verifyChecksum(caller, bytes, sourceOf(caller, dataset, file, options).sha256, path);
  return bytes;
}

/** Downloads a dataset file into the data directory (checksum verified) and returns its bytes. */
export async function fetchRemote(caller: string, dataset: DatasetName, file: string, options: LoadOptions): Promise<Uint8Array> {
  const path = pathOf(dataset, file, options);
  const source = sourceOf(caller, dataset, file, options);
  if (options.download === false) {
    throw new DownloadError(
      `${caller}: ${path} is missing and download is disabled (get it from ${source.urls[0] ?? 'its publisher'}, or set dataDir / NANOGRAD_DATA)`,
    );
  }
  await downloadFile(caller, source, path, options);
  return new Uint8Array(await readFile(path));
}

/** The bytes of a dataset file: from the data directory, else downloaded. */
export async function ensureFile(caller: string, dataset: DatasetName, file: string, options: LoadOptions): Promise<Uint8Array> {
  return (await readLocal(caller, dataset, file, options)) ?? (await fetchRemote(caller, dataset, file, options));
}
