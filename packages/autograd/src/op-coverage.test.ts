// Every op the package exports must be registered with the describeOp battery somewhere under src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from './index';

const sourceRoot = fileURLToPath(new URL('.', import.meta.url));

/** The local names of the values `index.ts` re-exports from `./ops/…`. */
function exportedOps(): string[] {
  const index = readFileSync(join(sourceRoot, 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const match of index.matchAll(/^export \{([^}]*)\} from '\.\/ops\/[^']+';$/gm)) {
    for (const entry of (match[1] as string).split(',')) {
      const [local] = entry.trim().split(/\s+as\s+/);
      if (local) names.push(local);
    }
  }
  return [...new Set(names)];
}

/** Source text of every test file that registers with the battery. */
function batteryFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return batteryFiles(path);
    if (!entry.name.endsWith('.test.ts')) return [];
    const text = readFileSync(path, 'utf8');
    return /\bdescribeOp\(/.test(text) ? [text] : [];
  });
}

describe('op battery coverage', () => {
  const ops = exportedOps();
  const files = batteryFiles(sourceRoot);

  it('finds the exported ops', () => {
    expect(ops.length).toBeGreaterThan(80);
    for (const name of ops) expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
  });

  it.each(ops)('%s is registered with describeOp', (name) => {
    // A registering file names the op as a string literal and imports or uses the function itself.
    const registered = files.some((text) => new RegExp(`['"\`]${name}['"\`]`).test(text) && new RegExp(`\\b${name}\\(|\\b${name}\\b,|\\{[^}]*\\b${name}\\b[^}]*\\} from`).test(text));
    expect(registered, `${name} has no describeOp registration`).toBe(true);
  });
});
