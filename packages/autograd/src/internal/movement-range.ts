// Range checks shared by the axis-window views (narrow, slice).
import { formatShape, normalizeAxis, ShapeError, type Shape } from '@nanograd/kernels';

/** Normalises `axis` and a window `[start, start + length)` on it (negative `start` counts from the end). */
export function checkedWindow(name: string, shape: Shape, axis: number, start: number, length: number): { axis: number; start: number } {
  if (shape.length === 0) throw new ShapeError(`${name}: cannot take a window of a 0-d tensor`);
  const along = normalizeAxis(name, axis, shape.length);
  const extent = shape[along] as number;
  if (!Number.isInteger(start) || !Number.isInteger(length) || length < 0) {
    throw new ShapeError(`${name}: start and length must be integers, length non-negative (got start ${start}, length ${length})`);
  }
  const from = start < 0 ? start + extent : start;
  if (from < 0 || from + length > extent) {
    throw new ShapeError(`${name}: window [${start}, ${start} + ${length}) is out of range for axis ${along} of extent ${extent} (${formatShape(shape)})`);
  }
  return { axis: along, start: from };
}
