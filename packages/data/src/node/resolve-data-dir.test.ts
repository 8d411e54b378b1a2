import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveDataDir } from './resolve-data-dir';

describe('resolveDataDir', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers the argument, then NANOGRAD_DATA, then the XDG cache, then ~/.cache', () => {
    vi.stubEnv('NANOGRAD_DATA', '/from/env');
    vi.stubEnv('XDG_CACHE_HOME', '/xdg');
    expect(resolveDataDir('/explicit')).toBe('/explicit');
    expect(resolveDataDir('relative')).toBe(resolve('relative'));
    expect(resolveDataDir()).toBe('/from/env');
    vi.stubEnv('NANOGRAD_DATA', '');
    expect(resolveDataDir()).toBe('/xdg/nanograd');
    vi.stubEnv('XDG_CACHE_HOME', '');
    expect(resolveDataDir()).toBe(join(homedir(), '.cache', 'nanograd'));
  });
});
