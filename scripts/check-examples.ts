// Runs every TSDoc `@example` of the current package and checks each `expression; // value` comment that is a
// plain literal (number, string, boolean, null, array or object of those) against the expression's value.
// Usage (from a package directory): tsx --conditions=@nanograd/source ../../scripts/check-examples.ts
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The fenced ts blocks that follow an `@example` tag inside doc comments. */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found: Example[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*\*\s*@example\b/.test(lines[index]!)) continue;
    let start = index + 1;
    while (start < lines.length && !/^\s*\*\s*```ts\s*$/.test(lines[start]!)) {
      if (/^\s*\*\//.test(lines[start]!) || /^\s*\*\s*@\w/.test(lines[start]!)) break;
      start++;
    }
    if (!/```ts/.test(lines[start] ?? '')) continue;
    const body: string[] = [];
    let end = start + 1;
    for (; end < lines.length && !/^\s*\*\s*```\s*$/.test(lines[end]!); end++) body.push(lines[end]!.replace(/^\s*\* ?/, ''));
    found.push({ file, line: start + 2, code: body.join('\n') });
    index = end;
  }
  return found;
}

/** Parses a comment as a literal value, or returns undefined when it is prose. */
function literal(comment: string): { value: unknown; decimals: number } | undefined {
  const text = comment.trim();
  if (!/^[-+\d.eE[\]{},:\s'"a-zA-Z_]*$/.test(text) || text === '') return undefined;
  try {
    const json = text.replace(/'([^'\\]*)'/g, (_, inner: string) => JSON.stringify(inner)).replace(/([{,]\s*)([a-zA-Z_]\w*)\s*:/g, '$1"$2":');
    const value: unknown = text === 'NaN' ? NaN : text === 'Infinity' ? Infinity : text === '-Infinity' ? -Infinity : JSON.parse(json);
    const decimals = Math.max(0, ...[...text.matchAll(/\d+\.(\d+)/g)].map((match) => match[1]!.length));
    return { value, decimals };
  } catch {
    return undefined;
  }
}

/** Bracket depth change of a piece of code (strings are rare enough in examples to ignore). */
function depth(code: string): number {
  let total = 0;
  for (const character of code) total += '([{'.includes(character) ? 1 : ')]}'.includes(character) ? -1 : 0;
  return total;
}

/** Rewrites `expr; // literal` statements (possibly spanning lines) into checks; returns the module text. */
function instrument(example: Example, index: number): string {
  const lines = example.code.split('\n');
  for (let row = 0; row < lines.length; row++) {
    const match = /^(\s*)([^/]*?[^;\s/]);?\s*\/\/\s*(.*)$/.exec(lines[row]!);
    if (!match) continue;
    const expected = literal(match[3]!);
    if (expected === undefined) continue;
    // Walk back to the line where the statement starts (brackets balance).
    let first = row;
    let balance = depth(match[2]!);
    while (balance < 0 && first > 0) balance += depth(lines[--first]!);
    const statement = [...lines.slice(first, row), match[1]! + match[2]!].join('\n');
    if (balance !== 0 || /^(import|export|const|let|var|if|for|while|return|throw|class|function|type|interface|await)\b/.test(statement.trim())) continue;
    const where = `${relative(process.cwd(), example.file)}:${example.line + row}`;
    lines.splice(first, row - first + 1, `__check(${statement}, ${JSON.stringify(match[3]!.trim())}, ${expected.decimals}, ${JSON.stringify(where)});`);
    row = first;
  }
  return `import { __check } from './check-runtime';\n// example ${index} from ${example.file}:${example.line}\n${lines.join('\n')}\n`;
}

const runtime = `
function close(actual: unknown, expected: unknown, tolerance: number): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    return actual === expected || Math.abs(actual - expected) <= tolerance;
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    return Array.isArray(list) && list.length === expected.length && expected.every((value, index) => close(list[index], value, tolerance));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((key) => close((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], tolerance));
  }
  return Object.is(actual, expected);
}
export function __check(actual: unknown, expectedText: string, decimals: number, where: string): void {
  const source = expectedText.replace(/'([^'\\\\]*)'/g, (_: string, inner: string) => JSON.stringify(inner)).replace(/([{,]\\s*)([a-zA-Z_]\\w*)\\s*:/g, '$1"$2":');
  const expected: unknown = expectedText === 'NaN' ? NaN : expectedText === 'Infinity' ? Infinity : expectedText === '-Infinity' ? -Infinity : JSON.parse(source);
  const tolerance = decimals > 0 ? 0.5 * 10 ** -decimals + 1e-12 : 1e-9;
  if (!close(actual, expected, tolerance)) {
    throw new Error(where + ': expected ' + expectedText + ', got ' + JSON.stringify(actual, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
  }
}
`;

const workDirectory = join(process.cwd(), '.examples');
rmSync(workDirectory, { recursive: true, force: true });
mkdirSync(workDirectory, { recursive: true });
writeFileSync(join(workDirectory, 'check-runtime.ts'), runtime);
// Examples of the vitest helpers (src/testing) register suites, so they only run under vitest's own runner.
const all = sourceFiles(join(process.cwd(), 'src')).flatMap(examplesOf);
const examples = all.filter((example) => !example.file.includes(`${join('src', 'testing')}`));
const failures: string[] = [];
let checks = 0;
for (const [index, example] of examples.entries()) {
  const text = instrument(example, index);
  checks += text.split('__check(').length - 1;
  const path = join(workDirectory, `example-${index}.ts`);
  writeFileSync(path, text);
  try {
    await import(pathToFileURL(path).href);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(message.includes('.ts:') ? message : `${relative(process.cwd(), example.file)}:${example.line}: ${message}`);
  }
}
if (!process.argv.includes('--keep')) rmSync(workDirectory, { recursive: true, force: true });
console.log(`check-examples: ${examples.length} examples (${all.length - examples.length} vitest-only skipped), ${checks} value checks, ${failures.length} failed`);
for (const failure of failures) console.error(`  ✗ ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
