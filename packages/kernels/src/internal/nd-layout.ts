// Random strided layouts and data for tests and the backend conformance suite: every way a view can sit in memory.
import { allocTypedArray, type DType, type TypedArrayOf } from '../dtype';
import type { Random } from '../random';
import type { Shape } from '../shape';

/** How a random view is laid out in its buffer. */
export type LayoutKind = 'contiguous' | 'transposed' | 'broadcast' | 'offset' | 'negative' | 'gapped' | 'mixed';

/** Every {@link LayoutKind}; outputs skip `'broadcast'` (two elements written to one place). */
export const LAYOUT_KINDS: readonly LayoutKind[] = [
  'contiguous',
  'transposed',
  'broadcast',
  'offset',
  'negative',
  'gapped',
  'mixed',
];

/** A view's strides and offset plus the buffer length it needs. */
export interface StridedLayout {
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
  /** Buffer elements needed (the view may leave some untouched). */
  readonly length: number;
}

function shuffle(random: Random, values: number[]): number[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
  return values;
}

/**
 * Returns a random layout of `kind` for `shape`. `'mixed'` combines a permutation, gaps, negative strides, an offset
 * and (when `broadcast` is true) stride-0 axes.
 */
export function randomLayout(random: Random, shape: Shape, kind: LayoutKind, broadcast = true): StridedLayout {
  const rank = shape.length;
  const mixed = kind === 'mixed';
  let order = shape.map((_, axis) => axis);
  if (kind === 'transposed') order = order.reverse();
  else if (mixed) order = shuffle(random, order);
  const strides = new Array<number>(rank).fill(0);
  let step = 1;
  for (let p = rank - 1; p >= 0; p--) {
    const axis = order[p];
    strides[axis] = step;
    step *= shape[axis];
    if (kind === 'gapped' || (mixed && random.uniform() < 0.5)) step += 1 + random.integer(3);
  }
  const flippable = shape.map((_, axis) => axis).filter((axis) => shape[axis] > 1);
  if ((kind === 'broadcast' || (mixed && broadcast)) && flippable.length > 0) {
    const chosen = kind === 'broadcast' ? [flippable[random.integer(flippable.length)]] : flippable;
    for (const axis of chosen) if (kind === 'broadcast' || random.uniform() < 0.3) strides[axis] = 0;
  }
  if ((kind === 'negative' || mixed) && flippable.length > 0) {
    const chosen = kind === 'negative' ? flippable : flippable.filter(() => random.uniform() < 0.5);
    for (const axis of chosen) strides[axis] = -strides[axis];
  }
  let low = 0;
  let high = 0;
  let empty = false;
  for (let axis = 0; axis < rank; axis++) {
    if (shape[axis] === 0) empty = true;
    const span = (shape[axis] - 1) * strides[axis];
    if (span < 0) low += span;
    else high += span;
  }
  const lead = kind === 'offset' || mixed ? 1 + random.integer(5) : 0;
  const tail = kind === 'offset' || mixed || kind === 'gapped' ? random.integer(4) : 0;
  const offset = lead - low;
  const length = empty ? lead + tail : offset + high + 1 + tail;
  return { shape: [...shape], strides, offset, length };
}

/** How random test values are drawn. */
export type ValueKind = 'normal' | 'ties' | 'positive' | 'nearOne';

/**
 * Fills a new array of `dtype` with random values: `'normal'` mixes N(0, 2²) with halves and small integers (ties for
 * rounding and comparisons); `'ties'` draws from a few small integers; `'positive'` is in (0.1, 4); `'nearOne'` is ±[0.5, 1.5].
 */
export function randomArray<D extends DType>(
  random: Random,
  dtype: D,
  length: number,
  kind: ValueKind = 'normal',
): TypedArrayOf[D] {
  const array = allocTypedArray(dtype, length);
  for (let i = 0; i < length; i++) {
    let value: number;
    switch (kind) {
      case 'ties':
        value = random.integer(4) - 1;
        break;
      case 'positive':
        value = 0.1 + 3.9 * random.uniform();
        break;
      case 'nearOne':
        value = (random.uniform() < 0.5 ? -1 : 1) * (0.5 + random.uniform());
        break;
      default:
        value = random.uniform() < 0.25 ? (random.integer(11) - 5) / 2 : 2 * random.normal();
    }
    array[i] = dtype === 'i32' ? Math.round(value * 3) : value;
  }
  return array;
}
