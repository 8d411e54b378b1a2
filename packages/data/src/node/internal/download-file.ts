import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import process from 'node:process';
import cliProgress from 'cli-progress';
import { DownloadError } from '../download-error';
import type { LoadOptions } from '../load-options';
import type { FileSource } from '../sources';

/** One mirror's outcome, for the error message when all fail. */
class AttemptError extends Error {}

async function fetchOne(url: string, source: FileSource, path: string, options: LoadOptions): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || response.body === null) throw new AttemptError(`HTTP ${response.status} ${response.statusText}`.trim());
  const header = Number(response.headers.get('content-length'));
  const totalBytes = source.size ?? (Number.isFinite(header) && header > 0 ? header : null);
  const file = basename(path);
  const showBar = options.onProgress === undefined && (options.progressBar ?? process.stderr.isTTY === true) && totalBytes !== null;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: `${file} [{bar}] {percentage}% | {value}/{total} bytes | ETA {eta}s`, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  // Unique temporary name: a crash leaves no half file under the real name, and concurrent loaders don't clash.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  const hash = createHash('sha256');
  const handle = await open(temporary, 'w');
  let receivedBytes = 0;
  bar?.start(totalBytes ?? 0, 0);
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      receivedBytes += value.length;
      if (source.size !== undefined && receivedBytes > source.size) {
        await reader.cancel();
        throw new AttemptError(`served more than the expected ${source.size} bytes`);
      }
      hash.update(value);
      await handle.write(value);
      bar?.update(receivedBytes);
      options.onProgress?.({ file, url, receivedBytes, totalBytes });
    }
    await handle.close();
    const digest = hash.digest('hex');
    if (digest !== source.sha256) {
      throw new AttemptError(`SHA-256 mismatch: got ${digest}, expected ${source.sha256} (${receivedBytes} bytes)`);
    }
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  } finally {
    bar?.stop();
  }
}

/** Downloads `source` to `path`, trying each mirror, writing to a temporary file renamed only after the checksum matches. */
export async function downloadFile(caller: string, source: FileSource, path: string, options: LoadOptions): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const failures: string[] = [];
  for (const url of source.urls) {
    try {
      await fetchOne(url, source, path, options);
      return;
    } catch (error) {
      const reason = error instanceof AttemptError ? error.message : `${error instanceof Error ? error.message : String(error)}`;
      failures.push(`${url}: ${reason}`);
    }
  }
  throw new DownloadError(`${caller}: could not download ${path}\n  ${failures.join('\n  ')}`);
}
