// The two primitive window ops; each one's VJP is the other (they are linear and mutual adjoints).
import { convOutputSize, DTypeError, formatShape, ShapeError, type ConvGeometry } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineOp } from '../graph/define-op';
import type { Tensor } from '../tensor';

interface UnfoldAttrs {
  readonly geometry: ConvGeometry;
  readonly padValue: number;
}

const im2colDef = defineOp<UnfoldAttrs>({
  name: 'im2col',
  infer: ([x], { geometry }) => ({ shape: unfoldedShape('im2col', x!.shape[0] as number, geometry), dtype: x!.dtype }),
  forward: (kernels, [x], out, { geometry, padValue }) => kernels.im2col(x!, geometry, out, padValue),
  // Pad taps are constants, so the gradient w.r.t. x is the fold of the gradient whatever padValue is.
  vjp: (grad, { attrs }) => [col2imUnchecked(grad, attrs.geometry)],
});

const col2imDef = defineOp<UnfoldAttrs>({
  name: 'col2im',
  infer: ([columns], { geometry: g }) => ({ shape: [columns!.shape[0] as number, g.channels, g.height, g.width], dtype: columns!.dtype }),
  forward: (kernels, [columns], out, { geometry }) => kernels.col2im(columns!, geometry, out),
  vjp: (grad, { attrs }) => [im2colUnchecked(grad, attrs.geometry, 0)],
});

/** `(N, C·kH·kW, oH·oW)` for a batch of `n` images; throws if the window does not fit. */
export function unfoldedShape(name: string, n: number, geometry: ConvGeometry): number[] {
  const { outHeight, outWidth } = convOutputSize(geometry, name);
  return [n, geometry.channels * geometry.kernelHeight * geometry.kernelWidth, outHeight * outWidth];
}

/** im2col without argument checks (callers validated shapes). */
export function im2colUnchecked(x: Tensor, geometry: ConvGeometry, padValue: number): Tensor {
  return apply(im2colDef, [x], { geometry, padValue });
}

/** col2im without argument checks (callers validated shapes). */
export function col2imUnchecked(columns: Tensor, geometry: ConvGeometry): Tensor {
  return apply(col2imDef, [columns], { geometry, padValue: 0 });
}

/** Checks a float tensor of rank 4 or 3 whose trailing extents equal `expected`; errors start with `name`. */
export function checkFloatBatch(name: string, what: string, t: Tensor, expected: readonly number[]): void {
  if (t.dtype === 'i32') throw new DTypeError(`${name}: needs a float ${what} (got ${t.dtype})`);
  const rank = expected.length + 1;
  const trailing = t.shape.slice(1);
  if (t.rank !== rank || trailing.some((extent, axis) => extent !== expected[axis])) {
    throw new ShapeError(`${name}: ${what} of shape ${formatShape(t.shape)} does not match the geometry (expected Nx${expected.join('x')})`);
  }
}
