// Option checks for the scheduler classes; messages start with the scheduler name.

/** Checks an integer `>= minimum`. */
export function checkInteger(owner: string, name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`${owner}: ${name} must be an integer >= ${minimum} (got ${value})`);
}

/** Checks a finite number `>= 0`. */
export function checkNonNegativeNumber(owner: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${owner}: ${name} must be a non-negative finite number (got ${value})`);
}

/** Checks a finite number `> 0`. */
export function checkPositiveNumber(owner: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${owner}: ${name} must be a positive finite number (got ${value})`);
}
