// Shared plumbing of the conformance suite: moving host arrays into views of the backend under test and comparing.
import { expect } from 'vitest';
import type { Backend, DeviceBuffer, View } from '../backend';
import { dtypeOf, type TypedArray } from '../dtype';
import { type LayoutKind, randomLayout, type StridedLayout } from '../internal/nd-layout';
import { describeMismatch } from '../internal/nd-naive';
import type { Random } from '../random';
import type { Shape } from '../shape';

/** Registers the `it` blocks of one kernel; `backend()` returns the backend under test once it exists. */
export type KernelSuite = (backend: () => Backend) => void;

/** Input layouts (stride-0 broadcast included) and output layouts (every element written once). */
export const INPUT_KINDS: readonly LayoutKind[] = ['contiguous', 'transposed', 'broadcast', 'offset', 'negative', 'gapped', 'mixed'];
export const OUTPUT_KINDS: readonly LayoutKind[] = ['contiguous', 'transposed', 'offset', 'negative', 'gapped', 'mixed'];

/** A host array (the reference's copy), its layout, and the same data in a view of the backend under test. */
export interface Operand<A extends TypedArray = TypedArray> {
  readonly host: A;
  readonly layout: StridedLayout;
  readonly view: View;
}

/** Copies `host` into a new buffer of `backend` and views it with `layout`. */
export function upload<A extends TypedArray>(backend: Backend, host: A, layout: StridedLayout): Operand<A> {
  const buffer: DeviceBuffer = backend.alloc(dtypeOf(host), host.length);
  backend.write(buffer, host);
  const view: View = { buffer, shape: layout.shape, strides: layout.strides, offset: layout.offset };
  return { host, layout, view };
}

/** Draws a random layout of `kind` for `shape` and fills it via `fill(length)`. */
export function operand<A extends TypedArray>(
  backend: Backend,
  random: Random,
  shape: Shape,
  kind: LayoutKind,
  fill: (length: number) => A,
  broadcast = true,
): Operand<A> {
  const layout = randomLayout(random, shape, kind, broadcast);
  return upload(backend, fill(layout.length), layout);
}

/** Reads the whole buffer back and compares it, untouched elements included, with the reference result. */
export async function expectBuffer(
  backend: Backend,
  actual: Operand,
  expected: TypedArray,
  label: string,
  rtol = 0,
  atol = 0,
): Promise<void> {
  const data = await backend.read(actual.view.buffer);
  expect(dtypeOf(data), `${label}: dtype`).toBe(dtypeOf(expected));
  expect(describeMismatch(data, expected, rtol, atol), label).toBeNull();
}

/** Tolerances for transcendental results: backends may use their own approximations. */
export function tolerance(dtype: string): [number, number] {
  return dtype === 'f32' ? [2e-5, 1e-6] : [1e-10, 1e-12];
}
