import type { Tensor } from './tensor';
import { toList } from './to-list';

/**
 * Describes a tensor in text: shape, dtype, data and gradient (Scheme `print-tensor`).
 *
 * @param t - The tensor.
 * @param options - `precision`: significant digits (default 6); `maxElements`: elements shown before eliding
 *   (default 1000).
 * @returns The description.
 *
 * @example
 * ```ts
 * import { formatTensor, tensor } from '@nanograd/autograd';
 * formatTensor(tensor([1, 2])); // 'Tensor(shape=[2], dtype=f32, data=[1, 2])'
 * ```
 * @category Tensor
 */
export function formatTensor(t: Tensor, options: { precision?: number; maxElements?: number } = {}): string {
  const precision = options.precision ?? 6;
  const maxElements = options.maxElements ?? 1000;
  const format = (value: unknown): string =>
    Array.isArray(value) ? `[${value.map(format).join(', ')}]` : String(Number((value as number).toPrecision(precision)));
  const body = (x: Tensor): string =>
    x.size > maxElements ? `<${x.size} elements>` : format(toList(x));
  const parts = [`shape=[${t.shape.join(', ')}]`, `dtype=${t.dtype}`, `data=${body(t)}`];
  if (t.requiresGrad) parts.push('requiresGrad=true');
  if (t.grad !== null) parts.push(`grad=${body(t.grad)}`);
  return `Tensor(${parts.join(', ')})`;
}

/**
 * Prints {@link formatTensor}'s description with `console.log`.
 *
 * @param t - The tensor.
 *
 * @example
 * ```ts
 * import { printTensor, tensor } from '@nanograd/autograd';
 * printTensor(tensor([1, 2]));
 * ```
 * @category Tensor
 */
export function printTensor(t: Tensor): void {
  console.log(formatTensor(t));
}

