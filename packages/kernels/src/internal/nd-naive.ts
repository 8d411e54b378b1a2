// Naive n-d helpers for tests: explicit index math and tolerant comparison, independent of the kernels under test.
import type { Shape, Strides } from '../shape';

/** Calls `visit` with every multi-index of `shape` in row-major order (once for a scalar, never when empty). */
export function forEachIndex(shape: Shape, visit: (index: number[]) => void): void {
  if (shape.some((extent) => extent === 0)) return;
  const index = new Array<number>(shape.length).fill(0);
  for (;;) {
    visit(index);
    let axis = shape.length - 1;
    while (axis >= 0 && ++index[axis] === shape[axis]) index[axis--] = 0;
    if (axis < 0) return;
  }
}

/** Returns the buffer position of `index` in a view with `strides` and `offset`. */
export function offsetOf(index: readonly number[], strides: Strides, offset: number): number {
  let position = offset;
  for (let axis = 0; axis < index.length; axis++) position += index[axis] * strides[axis];
  return position;
}

/** Tells whether two numbers agree within `|actual - expected| <= atol + rtol·|expected|` (NaN matches NaN). */
export function isClose(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Returns `null` when both arrays agree element-wise within tolerance, else a message naming the first few
 * mismatching positions.
 */
export function describeMismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 0,
  atol = 0,
): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} !== ${expected.length}`;
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < expected.length; i++) {
    if (!isClose(actual[i], expected[i], rtol, atol)) {
      count++;
      if (bad.length < 5) bad.push(`[${i}] ${actual[i]} !== ${expected[i]}`);
    }
  }
  return count === 0 ? null : `${count} of ${expected.length} differ: ${bad.join(', ')}`;
}
