// Checkpoints as JSON files in a directory, newest kept, with a loader for resuming.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint, CheckpointStore } from '../trainer/checkpoint';

const pattern = /^checkpoint-(\d+)\.json$/;
const fileName = (step: number): string => `checkpoint-${String(step).padStart(8, '0')}.json`;

/**
 * Options of {@link fileCheckpoints}.
 *
 * @example
 * ```ts
 * import type { FileCheckpointOptions } from '@nanograd/data/node';
 * const options: FileCheckpointOptions = { keep: 3 };
 * ```
 * @category Training
 */
export interface FileCheckpointOptions {
  /** How many checkpoint files to keep, newest first (default 2). */
  readonly keep?: number;
}

/**
 * A checkpoint store writing `checkpoint-<step>.json` files into `directory` (created if missing), atomically
 * (write then rename), deleting all but the newest `keep`.
 *
 * @param directory - Where the files go.
 * @param options - `keep`.
 * @returns The store.
 *
 * @example
 * ```ts
 * import { fileCheckpoints } from '@nanograd/data/node';
 * import { join } from 'node:path';
 * import { tmpdir } from 'node:os';
 * const store = fileCheckpoints(join(tmpdir(), 'nanograd-example-checkpoints'));
 * typeof store.save; // 'function'
 * ```
 * @category Training
 */
export function fileCheckpoints(directory: string, options: FileCheckpointOptions = {}): CheckpointStore {
  const keep = options.keep ?? 2;
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`fileCheckpoints: keep must be a positive integer (got ${keep})`);
  return {
    async save(checkpoint: Checkpoint): Promise<void> {
      await mkdir(directory, { recursive: true });
      const path = join(directory, fileName(checkpoint.step));
      await writeFile(`${path}.partial`, JSON.stringify(checkpoint));
      await rename(`${path}.partial`, path);
      const names = (await readdir(directory)).filter((name) => pattern.test(name)).sort();
      await Promise.all(names.slice(0, Math.max(0, names.length - keep)).map((name) => rm(join(directory, name), { force: true })));
    },
  };
}

/**
 * Reads the newest checkpoint in `directory`, or null when there is none (a fresh start).
 *
 * @param directory - A directory `fileCheckpoints` wrote.
 * @returns The checkpoint, ready for `trainer.fit(loader, { resumeFrom })`.
 *
 * @example
 * ```ts
 * import { latestCheckpoint } from '@nanograd/data/node';
 * await latestCheckpoint('/nonexistent/directory'); // null
 * ```
 * @category Training
 */
export async function latestCheckpoint(directory: string): Promise<Checkpoint | null> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => pattern.test(name)).sort();
  } catch {
    return null;
  }
  const newest = names.at(-1);
  return newest === undefined ? null : (JSON.parse(await readFile(join(directory, newest), 'utf8')) as Checkpoint);
}
