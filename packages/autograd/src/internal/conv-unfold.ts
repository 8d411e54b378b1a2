// The two primitive window ops; each one's VJP is the other (they are linear and mutual adjoints).
import { convOutputSize, DTypeError, formatShape, ShapeError, type ConvGeometry, type View } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineOp } from '../graph/define-builtin-op';
import type { Tensor } from '../tensor';

/**
 * Order of the unfolded columns: `'batch'` is `(N, C·kH·kW, oH·oW)`, `'taps'` is `(C·kH·kW, N, oH·oW)`, the layout
 * whose rows span the whole batch so conv2d runs one GEMM per group instead of one per image.
 */
export type UnfoldLayout = 'batch' | 'taps';

interface UnfoldAttrs {
  readonly geometry: ConvGeometry;
  readonly padValue: number;
  readonly layout: UnfoldLayout;
}

/** The `(N, taps, P)` view the kernels expect of columns stored in `layout` order. */
function batchMajor(columns: View, layout: UnfoldLayout): View {
  if (layout === 'batch') return columns;
  const [taps, n, positions] = columns.shape as [number, number, number];
  const [tapStride, batchStride, positionStride] = columns.strides as [number, number, number];
  return { ...columns, shape: [n, taps, positions], strides: [batchStride, tapStride, positionStride] };
}

const im2colDef = defineOp<UnfoldAttrs>({
  name: 'im2col',
  infer: ([x], { geometry, layout }) => ({ shape: unfoldedShape('im2col', x!.shape[0] as number, geometry, layout), dtype: x!.dtype }),
  forward: (kernels, [x], out, { geometry, padValue, layout }) => kernels.im2col(x!, geometry, batchMajor(out, layout), padValue),
  // Pad taps are constants, so the gradient w.r.t. x is the fold of the gradient whatever padValue is.
  vjp: (grad, { attrs }) => [col2imUnchecked(grad, attrs.geometry, attrs.layout)],
});

const col2imDef = defineOp<UnfoldAttrs>({
  name: 'col2im',
  infer: ([columns], { geometry: g, layout }) => ({
    shape: [columns!.shape[layout === 'batch' ? 0 : 1] as number, g.channels, g.height, g.width],
    dtype: columns!.dtype,
  }),
  forward: (kernels, [columns], out, { geometry, layout }) => kernels.col2im(batchMajor(columns!, layout), geometry, out),
  vjp: (grad, { attrs }) => [im2colUnchecked(grad, attrs.geometry, 0, attrs.layout)],
});

/** Columns of a batch of `n` images: `(N, C·kH·kW, oH·oW)`, or `(C·kH·kW, N, oH·oW)` taps-major; throws if the window does not fit. */
export function unfoldedShape(name: string, n: number, geometry: ConvGeometry, layout: UnfoldLayout = 'batch'): number[] {
  const { outHeight, outWidth } = convOutputSize(geometry, name);
  const taps = geometry.channels * geometry.kernelHeight * geometry.kernelWidth;
  return layout === 'batch' ? [n, taps, outHeight * outWidth] : [taps, n, outHeight * outWidth];
}

/** im2col without argument checks (callers validated shapes), into columns of the given layout. */
export function im2colUnchecked(x: Tensor, geometry: ConvGeometry, padValue: number, layout: UnfoldLayout = 'batch'): Tensor {
  return apply(im2colDef, [x], { geometry, padValue, layout });
}

/** col2im without argument checks (callers validated shapes), from columns of the given layout. */
export function col2imUnchecked(columns: Tensor, geometry: ConvGeometry, layout: UnfoldLayout = 'batch'): Tensor {
  return apply(col2imDef, [columns], { geometry, padValue: 0, layout });
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
