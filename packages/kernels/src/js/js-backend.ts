import type { Backend, Kernels, View } from '../backend';
import { allocTypedArray, dtypeOf, type FloatArray, type TypedArray } from '../dtype';
import { BackendError, DTypeError, ShapeError } from '../errors';
import { convOutputSize } from '../conv/conv-output-size';
import { maxPoolIndex } from '../conv/max-pool-index';
import { formatShape, isContiguous, sizeOf, type Shape } from '../shape';
import { adamStep } from '../optim/adam-step';
import { normalizeBackward } from '../norm/normalize-backward';
import { normalizeForward } from '../norm/normalize-forward';
import { normalizeArrays } from './js-normalize-views';
import { argReduceStrided } from '../strided/arg-reduce-strided';
import { binaryStrided } from '../strided/binary-strided';
import { col2imStrided } from '../strided/col2im-strided';
import { copyStrided } from '../strided/copy-strided';
import { fillStrided } from '../strided/fill-strided';
import { gatherStrided } from '../strided/gather-strided';
import { im2colStrided } from '../strided/im2col-strided';
import { matmulStrided } from '../strided/matmul-strided';
import { reduceStrided } from '../strided/reduce-strided';
import { scatterAddStrided } from '../strided/scatter-add-strided';
import { unaryStrided } from '../strided/unary-strided';
import { whereStrided } from '../strided/where-strided';
import { JsBuffer } from './js-buffer';

/** Returns the JsBuffer behind `buffer`, or throws naming the backend it came from. */
function own(kernel: string, name: string, buffer: { readonly backend: string }): JsBuffer {
  if (!(buffer instanceof JsBuffer)) {
    throw new BackendError(`js: buffer from backend '${buffer.backend}' passed to ${kernel} as ${name}`);
  }
  return buffer;
}

function data(kernel: string, name: string, view: View): TypedArray {
  return own(kernel, name, view.buffer).data;
}

function floatData(kernel: string, name: string, view: View): FloatArray {
  const array = data(kernel, name, view);
  if (array instanceof Int32Array) throw new DTypeError(`${kernel}: ${name} must be f32 or f64 (got i32)`);
  return array;
}

function indexData(kernel: string, view: View): Int32Array {
  const array = data(kernel, 'index', view);
  if (!(array instanceof Int32Array)) throw new DTypeError(`${kernel}: index must be i32 (got ${dtypeOf(array)})`);
  return array;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((extent, axis) => extent === b[axis]);
}

/** Throws unless all named views have the same shape. */
function assertSameShapes(kernel: string, views: Record<string, View>): void {
  const entries = Object.entries(views);
  const [, first] = entries[0];
  if (entries.every(([, view]) => sameShape(view.shape, first.shape))) return;
  const shapes = entries.map(([name, view]) => `${name} ${formatShape(view.shape)}`).join(', ');
  throw new ShapeError(`${kernel}: shapes differ (${shapes})`);
}

/**
 * Throws unless `out` has `x`'s shape with extent 1 on `axes`, and unless an extremum (`op` max, min, argmax,
 * argmin) would reduce an empty axis. Out-of-range axes are left to the strided kernel to report.
 */
function assertReducedShape(kernel: string, op: string, x: View, axes: readonly number[], out: View): void {
  const rank = x.shape.length;
  const reduced = x.shape.map((_, axis) => axes.some((a) => a === axis || a + rank === axis));
  const expected = x.shape.map((extent, axis) => (reduced[axis] ? 1 : extent));
  if (!sameShape(expected, out.shape)) {
    throw new ShapeError(
      `${kernel}: out has shape ${formatShape(out.shape)}, expected ${formatShape(expected)} (x ${formatShape(x.shape)}, axes [${axes.join(', ')}])`,
    );
  }
  const empty = x.shape.findIndex((extent, axis) => reduced[axis] && extent === 0);
  if (empty >= 0 && op !== 'sum' && op !== 'prod') {
    throw new ShapeError(`${kernel}: ${op} of an empty axis (axis ${empty} of ${formatShape(x.shape)})`);
  }
}

const kernels: Kernels<JsBuffer> = {
  fill(out, value) {
    fillStrided(out.shape, data('fill', 'out', out), out.strides, out.offset, value);
  },
  copy(x, out) {
    assertSameShapes('copy', { x, out });
    copyStrided(x.shape, data('copy', 'x', x), x.strides, x.offset, data('copy', 'out', out), out.strides, out.offset);
  },
  unary(op, x, out) {
    assertSameShapes('unary', { x, out });
    unaryStrided(op, x.shape, data('unary', 'x', x), x.strides, x.offset, data('unary', 'out', out), out.strides, out.offset);
  },
  binary(op, a, b, out) {
    assertSameShapes('binary', { a, b, out });
    binaryStrided(
      op, out.shape,
      data('binary', 'a', a), a.strides, a.offset,
      data('binary', 'b', b), b.strides, b.offset,
      data('binary', 'out', out), out.strides, out.offset,
    );
  },
  where(condition, a, b, out) {
    assertSameShapes('where', { condition, a, b, out });
    whereStrided(
      out.shape,
      data('where', 'condition', condition), condition.strides, condition.offset,
      data('where', 'a', a), a.strides, a.offset,
      data('where', 'b', b), b.strides, b.offset,
      data('where', 'out', out), out.strides, out.offset,
    );
  },
  reduce(op, x, axes, out) {
    const input = data('reduce', 'x', x);
    const output = data('reduce', 'out', out);
    assertReducedShape('reduce', op, x, axes, out);
    reduceStrided(op, x.shape, axes, input, x.strides, x.offset, output, out.strides, out.offset);
  },
  argReduce(op, x, axis, out) {
    const input = data('argReduce', 'x', x);
    const output = data('argReduce', 'out', out);
    assertReducedShape('argReduce', op, x, [axis], out);
    argReduceStrided(op, x.shape, axis, input, x.strides, x.offset, output, out.strides, out.offset);
  },
  matmul(a, b, out) {
    const left = floatData('matmul', 'a', a);
    const right = floatData('matmul', 'b', b);
    const output = floatData('matmul', 'out', out);
    const rank = out.shape.length;
    const batch = out.shape.slice(0, -2);
    const [m, n] = out.shape.slice(-2);
    const k = a.shape[rank - 1];
    if (
      rank < 2 ||
      !sameShape(a.shape, [...batch, m, k]) ||
      !sameShape(b.shape, [...batch, k, n])
    ) {
      throw new ShapeError(
        `matmul: shapes do not match (a ${formatShape(a.shape)} @ b ${formatShape(b.shape)} -> out ${formatShape(out.shape)})`,
      );
    }
    matmulStrided(batch, m, k, n, left, a.strides, a.offset, right, b.strides, b.offset, output, out.strides, out.offset);
  },
  gather(x, index, axis, out) {
    const source = data('gather', 'x', x);
    const positions = indexData('gather', index);
    const output = data('gather', 'out', out);
    assertSameShapes('gather', { index, out });
    gatherStrided(
      out.shape, axis,
      x.shape, source, x.strides, x.offset,
      positions, index.strides, index.offset,
      output, out.strides, out.offset,
    );
  },
  scatterAdd(updates, index, axis, out) {
    const values = data('scatterAdd', 'updates', updates);
    const positions = indexData('scatterAdd', index);
    const output = data('scatterAdd', 'out', out);
    assertSameShapes('scatterAdd', { updates, index });
    scatterAddStrided(
      updates.shape, axis,
      values, updates.strides, updates.offset,
      positions, index.strides, index.offset,
      out.shape, output, out.strides, out.offset,
    );
  },
  im2col(x, geometry, out, padValue) {
    const images = floatData('im2col', 'x', x);
    const columns = floatData('im2col', 'out', out);
    const { outHeight, outWidth } = convOutputSize(geometry, 'im2col');
    const { channels, height, width, kernelHeight, kernelWidth } = geometry;
    const batch = x.shape[0];
    const taps = channels * kernelHeight * kernelWidth;
    if (!sameShape(x.shape, [batch, channels, height, width]) || !sameShape(out.shape, [batch, taps, outHeight * outWidth])) {
      throw new ShapeError(
        `im2col: shapes do not match the geometry (x ${formatShape(x.shape)}, out ${formatShape(out.shape)}; expected Nx${channels}x${height}x${width} and Nx${taps}x${outHeight * outWidth})`,
      );
    }
    im2colStrided(batch, geometry, images, x.strides, x.offset, columns, out.strides, out.offset, padValue);
  },
  col2im(columns, geometry, out) {
    const matrices = floatData('col2im', 'columns', columns);
    const images = floatData('col2im', 'out', out);
    const { outHeight, outWidth } = convOutputSize(geometry, 'col2im');
    const { channels, height, width, kernelHeight, kernelWidth } = geometry;
    const batch = out.shape[0];
    const taps = channels * kernelHeight * kernelWidth;
    if (!sameShape(out.shape, [batch, channels, height, width]) || !sameShape(columns.shape, [batch, taps, outHeight * outWidth])) {
      throw new ShapeError(
        `col2im: shapes do not match the geometry (columns ${formatShape(columns.shape)}, out ${formatShape(out.shape)}; expected Nx${taps}x${outHeight * outWidth} and Nx${channels}x${height}x${width})`,
      );
    }
    col2imStrided(batch, geometry, matrices, columns.strides, columns.offset, images, out.strides, out.offset);
  },
  maxPoolIndex(x, geometry, out) {
    const images = floatData('maxPoolIndex', 'x', x);
    const index = data('maxPoolIndex', 'out', out);
    if (!(index instanceof Int32Array)) throw new DTypeError(`maxPoolIndex: out must be i32 (got ${dtypeOf(index)})`);
    const { outHeight, outWidth } = convOutputSize(geometry, 'maxPoolIndex');
    const { channels, height, width } = geometry;
    const batch = x.shape[0];
    if (!sameShape(x.shape, [batch, channels, height, width]) || !sameShape(out.shape, [batch, channels, outHeight * outWidth])) {
      throw new ShapeError(
        `maxPoolIndex: shapes do not match the geometry (x ${formatShape(x.shape)}, out ${formatShape(out.shape)}; expected Nx${channels}x${height}x${width} and Nx${channels}x${outHeight * outWidth})`,
      );
    }
    if (!isContiguous(out.shape, out.strides)) {
      throw new ShapeError(`maxPoolIndex: out must be contiguous (shape ${formatShape(out.shape)}, strides ${out.strides.join('x')})`);
    }
    maxPoolIndex(batch, geometry, images, x.strides, x.offset, index, out.offset);
  },
  adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq, parameters) {
    const views = { param, grad, expAvg, expAvgSq, ...(maxExpAvgSq === null ? {} : { maxExpAvgSq }) };
    const arrays = denseFloatArrays('adamStep', views);
    adamStep(parameters, arrays.param!, arrays.grad!, arrays.expAvg!, arrays.expAvgSq!, arrays.maxExpAvgSq ?? null);
  },
  normalizeForward(x, epsilon, weight, bias, out, normalized, mean, variance, inverseStd) {
    const { outer, channels, inner, arrays: a } = normalizeArrays('normalizeForward', floatData, { x, out, normalized }, { weight, bias, mean, variance, inverseStd });
    normalizeForward(outer, channels, inner, epsilon, a.x!, a.weight ?? null, a.bias ?? null, a.out!, a.normalized ?? null, a.mean!, a.variance!, a.inverseStd!);
  },
  normalizeBackward(grad, normalized, scale, out, gradSum, gradNormalizedSum) {
    const { outer, channels, inner, arrays: a } = normalizeArrays('normalizeBackward', floatData, { grad, normalized, out }, { scale, gradSum, gradNormalizedSum });
    normalizeBackward(outer, channels, inner, a.grad!, a.normalized!, a.scale!, a.out!, a.gradSum!, a.gradNormalizedSum!);
  },
};

/**
 * The dense elements of each view (subarrays of their buffers), after checking that all are contiguous, of one
 * float dtype and of one shape.
 */
function denseFloatArrays(kernel: string, views: Record<string, View>): Record<string, FloatArray> {
  const entries = Object.entries(views);
  const [firstName, first] = entries[0] as [string, View];
  const dtype = dtypeOf(floatData(kernel, firstName, first));
  const arrays: Record<string, FloatArray> = {};
  for (const [name, view] of entries) {
    const array = floatData(kernel, name, view);
    if (!sameShape(view.shape, first.shape)) {
      throw new ShapeError(`${kernel}: ${name} has shape ${formatShape(view.shape)}, ${firstName} ${formatShape(first.shape)}`);
    }
    if (!isContiguous(view.shape, view.strides)) throw new ShapeError(`${kernel}: ${name} must be contiguous (shape ${formatShape(view.shape)}, strides ${view.strides.join('x')})`);
    const size = sizeOf(view.shape);
    if (view.offset < 0 || view.offset + size > array.length) {
      throw new ShapeError(`${kernel}: ${name} (offset ${view.offset}, ${size} elements) overruns its buffer of ${array.length}`);
    }
    if (dtypeOf(array) !== dtype) throw new DTypeError(`${kernel}: ${name} is ${dtypeOf(array)}, ${firstName} ${dtype}`);
    arrays[name] = array.subarray(view.offset, view.offset + size);
  }
  return arrays;
}

/**
 * Creates the reference JS backend: buffers are plain typed arrays and every kernel is a thin adapter over the pure
 * strided functions (`unaryStrided`, `matmulStrided`, …).
 *
 * @remarks
 * Kernels run synchronously. Each one checks that its views come from this backend and that their shapes agree, then
 * the strided function checks that every view fits in its buffer, all before touching memory.
 *
 * @returns A new backend named `'js'`.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * const backend = createJsBackend();
 * const x = backend.alloc('f32', 3);
 * backend.write(x, new Float32Array([1, 4, 9]));
 * const view = { buffer: x, shape: [3], strides: [1], offset: 0 };
 * backend.kernels.unary('sqrt', view, view);
 * backend.view(x); // Float32Array [1, 2, 3]
 * ```
 * @category Backend
 */
export function createJsBackend(): Backend<JsBuffer> {
  return {
    name: 'js',
    alloc(dtype, size) {
      return new JsBuffer(allocTypedArray(dtype, size));
    },
    write(target, source, targetOffset = 0) {
      const buffer = own('write', 'target', target);
      const dtype = dtypeOf(source);
      if (dtype !== buffer.dtype) {
        throw new DTypeError(`js: write of ${dtype} data into a ${buffer.dtype} buffer`);
      }
      if (!Number.isInteger(targetOffset) || targetOffset < 0 || targetOffset + source.length > buffer.size) {
        throw new ShapeError(
          `js: write of ${source.length} elements at offset ${targetOffset} does not fit a buffer of ${buffer.size}`,
        );
      }
      buffer.data.set(source, targetOffset);
    },
    view(buffer) {
      return own('view', 'buffer', buffer).data;
    },
    async read(buffer) {
      return own('read', 'buffer', buffer).data.slice();
    },
    free(buffer) {
      own('free', 'buffer', buffer);
    },
    kernels,
  };
}
