// Option validation shared by the optimizers; messages start with the optimizer name and show the value.

/** Accumulates the prefix and suffix of error messages for one options object. */
export interface OptionContext {
  readonly owner: string;
  /** Appended to messages, e.g. " (group 1)"; empty for the defaults. */
  readonly where: string;
}

function fail(context: OptionContext, message: string): never {
  throw new RangeError(`${context.owner}: ${message}${context.where}`);
}

function checkFinite(context: OptionContext, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(context, `${name} must be a finite number (got ${String(value)})`);
  return value;
}

/** Checks `value >= 0`. */
export function checkNonNegative(context: OptionContext, name: string, value: unknown): void {
  const number = checkFinite(context, name, value);
  if (number < 0) fail(context, `${name} must be non-negative (got ${number})`);
}

/** Checks `0 <= value < 1` (betas, moving-average decay rates). */
export function checkUnitInterval(context: OptionContext, name: string, value: unknown): void {
  const number = checkFinite(context, name, value);
  if (number < 0 || number >= 1) fail(context, `${name} must be in [0, 1) (got ${number})`);
}

/** Checks a finite number of any sign. */
export function checkNumber(context: OptionContext, name: string, value: unknown): void {
  checkFinite(context, name, value);
}

/** Checks a boolean flag. */
export function checkBoolean(context: OptionContext, name: string, value: unknown): void {
  if (typeof value !== 'boolean') fail(context, `${name} must be a boolean (got ${String(value)})`);
}

/** Throws for a custom condition, with the same message layout. */
export function failOption(context: OptionContext, message: string): never {
  fail(context, message);
}
