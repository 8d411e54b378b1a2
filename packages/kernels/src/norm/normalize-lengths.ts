// The length checks shared by the two normalisation kernels: every array dense, sized by (outer, channels, inner).
import type { FloatArray } from '../dtype';
import { ShapeError } from '../errors';
import { assertSize } from '../internal/validate';

/** Throws unless the extents are sizes, every full array has outer·channels·inner elements and every channel array channels. */
export function assertNormalizeLengths(
  kernel: string, outer: number, channels: number, inner: number,
  full: Record<string, FloatArray | null>, perChannel: Record<string, FloatArray | null>,
): void {
  assertSize(kernel, 'outer', outer);
  assertSize(kernel, 'channels', channels);
  assertSize(kernel, 'inner', inner);
  const layout = `${outer}x${channels}x${inner}`;
  for (const [name, array] of Object.entries(full)) {
    if (array !== null && array.length !== outer * channels * inner) {
      throw new ShapeError(`${kernel}: ${name} has ${array.length} elements, expected ${outer * channels * inner} (outer x channels x inner ${layout})`);
    }
  }
  for (const [name, array] of Object.entries(perChannel)) {
    if (array !== null && array.length !== channels) {
      throw new ShapeError(`${kernel}: ${name} has ${array.length} elements, expected one per channel (${channels}; outer x channels x inner ${layout})`);
    }
  }
}
