// Normalisation (x - mean) / sqrt(var + eps) as one op, for batch norm in training and layer norm. Where x is dense
// with the kept axes in one run, the forward and the first-order VJP are one fused kernel each (normalizeForward,
// normalizeBackward); elsewhere, and under createGraph, they are composed from primitive kernels and ops.
import { contiguousStrides, isContiguous, sizeOf, type Backend, type DeviceBuffer, type Kernels, type Shape, type View } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineOp, type ComputeOpDef } from '../graph/define-builtin-op';
import { isGradEnabled } from '../graph/grad-mode';
import { add } from '../ops/elementwise/add';
import { div } from '../ops/elementwise/div';
import { mul } from '../ops/elementwise/mul';
import { sqrt } from '../ops/elementwise/sqrt';
import { sub } from '../ops/elementwise/sub';
import { reshape } from '../ops/movement/reshape';
import { mean } from '../ops/reduce/mean';
import { sum } from '../ops/reduce/sum';
import { variance } from '../ops/reduce/variance';
import { Tensor } from '../tensor';
import { broadcastReduced, scalarView } from './scratch-views';

/** Attributes of one normalisation call; forward fills the batch statistics for the running update and the VJP. */
interface NormalizeAttrs {
  readonly backend: Backend;
  /** The reduced axes: every axis but the channel axis 1 (batch norm), or the normalised axes (layer norm). */
  readonly axes: readonly number[];
  /** x's shape with extent 1 on `axes`. */
  readonly channelShape: Shape;
  readonly epsilon: number;
  /** x seen as (outer, channels, inner) when the kept axes form one run between the reduced ones, else null. */
  readonly layout: Layout | null;
  /** Batch mean, channel-shaped (set by forward). */
  mean: Tensor | null;
  /** Biased batch variance, channel-shaped (set by forward). */
  variance: Tensor | null;
  /** 1 / sqrt(variance + epsilon), channel-shaped (set by forward). */
  inverseStd: Tensor | null;
  /** The normalised x, when an affine op keeps it (set by forward). */
  normalized: Tensor | null;
}

/** Fresh channel-shaped storage as a view and the tensor that owns it. */
function channelTensor(attrs: NormalizeAttrs, dtype: 'f32' | 'f64'): [View, Tensor] {
  const buffer = attrs.backend.alloc(dtype, sizeOf(attrs.channelShape));
  const strides = contiguousStrides(attrs.channelShape);
  const tensor = new Tensor(attrs.backend, buffer, attrs.channelShape, strides, 0, false, null);
  return [{ buffer, shape: attrs.channelShape, strides, offset: 0 }, tensor];
}

/** Extents of a dense x seen as (outer, channels, inner), the layout of the fused kernels. */
type Layout = readonly [outer: number, channels: number, inner: number];

/** The (outer, channels, inner) extents of `shape` if the axes outside `axes` are consecutive, else null. */
function layoutOf(shape: Shape, axes: readonly number[]): Layout | null {
  const kept = shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  const first = kept[0] ?? 0;
  const end = kept.length === 0 ? 0 : (kept[kept.length - 1] as number) + 1;
  if (end - first !== kept.length) return null;
  const product = (from: number, to: number): number => shape.slice(from, to).reduce((total, extent) => total * extent, 1);
  return [product(0, first), product(first, end), product(end, shape.length)];
}

/** A dense view (or tensor) seen with the fused kernels' 3-d layout. */
function flat(view: View, layout: Layout): View {
  return { buffer: view.buffer, shape: layout, strides: contiguousStrides(layout), offset: view.offset };
}

/** A dense per-channel view (a `[C]` parameter or a channel-shaped statistic) seen as `[channels]`. */
function perChannel(view: View, layout: Layout): View {
  return { buffer: view.buffer, shape: [layout[1]], strides: [1], offset: view.offset };
}

/** Whether the fused forward takes these views: x dense and float, the channel views dense. */
function fusedForwardFits(attrs: NormalizeAttrs, x: View, channelViews: readonly View[]): boolean {
  if (attrs.layout === null || x.buffer.dtype === 'i32' || !isContiguous(x.shape, x.strides)) return false;
  return channelViews.every((view) => view.buffer.dtype === x.buffer.dtype && isContiguous(view.shape, view.strides));
}

/** One normalizeForward call: out (times weight plus bias when given), `normalized` unless null, the statistics into attrs. */
function normalizeFused(kernels: Kernels, x: View, out: View, normalized: View | null, weight: View | null, bias: View | null, attrs: NormalizeAttrs): void {
  const layout = attrs.layout as Layout;
  const dtype = out.buffer.dtype as 'f32' | 'f64';
  const [meanView, meanTensor] = channelTensor(attrs, dtype);
  const [varianceView, varianceTensor] = channelTensor(attrs, dtype);
  const [inverseView, inverseTensor] = channelTensor(attrs, dtype);
  kernels.normalizeForward(
    flat(x, layout), attrs.epsilon, weight && perChannel(weight, layout), bias && perChannel(bias, layout), flat(out, layout),
    normalized && flat(normalized, layout), perChannel(meanView, layout), perChannel(varianceView, layout), perChannel(inverseView, layout),
  );
  attrs.mean = meanTensor;
  attrs.variance = varianceTensor;
  attrs.inverseStd = inverseTensor;
}

/** Attributes of one fused first-order VJP; the kernel's per-channel sums are kept for the weight and bias gradients. */
interface BackwardAttrs {
  readonly normalize: NormalizeAttrs;
  readonly layout: Layout;
  gradSum: Tensor | null;
  gradNormalizedSum: Tensor | null;
}

// The input gradient of the normalisation as one normalizeBackward call; only ever applied outside the graph.
const normalizeBackwardDef = defineOp<BackwardAttrs>({
  name: 'batchNormBackward',
  infer: ([grad]) => ({ shape: grad!.shape, dtype: grad!.dtype }),
  forward: (kernels, [grad, normalized, scale], out, attrs) => {
    const dtype = out.buffer.dtype as 'f32' | 'f64';
    const [sumView, sumTensor] = channelTensor(attrs.normalize, dtype);
    const [weightedView, weightedTensor] = channelTensor(attrs.normalize, dtype);
    const { layout } = attrs;
    kernels.normalizeBackward(
      flat(grad!, layout), flat(normalized!, layout), perChannel(scale!, layout), flat(out, layout),
      perChannel(sumView, layout), perChannel(weightedView, layout),
    );
    attrs.gradSum = sumTensor;
    attrs.gradNormalizedSum = weightedTensor;
  },
});

/** The first-order VJP's results from the fused kernel: the input gradient and the channel-shaped Σg and Σg·xhat. */
interface FusedGradients {
  readonly inputGrad: Tensor;
  readonly gradSum: Tensor;
  readonly gradNormalizedSum: Tensor;
}

/**
 * scale · (g − mean(g) − xhat · mean(g · xhat)) with one kernel call when grad, xhat and scale are dense and of one
 * dtype; null otherwise (the caller then composes it from ops).
 */
function fusedGradients(grad: Tensor, normalized: Tensor, scale: Tensor, attrs: NormalizeAttrs): FusedGradients | null {
  // grad has x's shape, so x's layout (computed once when the op was applied) is grad's.
  const { layout } = attrs;
  const dtype = normalized.dtype;
  if (layout === null || grad.dtype !== dtype || scale.dtype !== dtype || (dtype !== 'f32' && dtype !== 'f64')) return null;
  if (!grad.isContiguous || !normalized.isContiguous || !scale.isContiguous) return null;
  const backwardAttrs: BackwardAttrs = { normalize: attrs, layout, gradSum: null, gradNormalizedSum: null };
  const inputGrad = apply(normalizeBackwardDef, [grad, normalized, scale], backwardAttrs);
  return { inputGrad, gradSum: backwardAttrs.gradSum as Tensor, gradNormalizedSum: backwardAttrs.gradNormalizedSum as Tensor };
}

/** Sums `x` over the attrs' axes into `out`, then scales by 1 / count. */
function meanInto(kernels: Kernels, attrs: NormalizeAttrs, x: View, out: View, count: number): void {
  kernels.reduce('sum', x, attrs.axes, out);
  const scale = scalarView(attrs.backend, out.buffer.dtype as 'f32' | 'f64', 1 / count, out.shape);
  kernels.binary('mul', out, scale, out);
  attrs.backend.free(scale.buffer);
}

/** Writes (x - mean) / sqrt(var + eps) into `out` and the batch statistics into `attrs`. */
function normalizeInto(kernels: Kernels, x: View, out: View, attrs: NormalizeAttrs): void {
  const dtype = out.buffer.dtype as 'f32' | 'f64';
  const count = sizeOf(x.shape) / sizeOf(attrs.channelShape);
  const [meanView, meanTensor] = channelTensor(attrs, dtype);
  meanInto(kernels, attrs, x, meanView, count);
  kernels.binary('sub', x, broadcastReduced(meanView, x.shape), out);
  // The squares need one full-size scratch buffer, released at once.
  const squares: DeviceBuffer = attrs.backend.alloc(dtype, sizeOf(out.shape));
  const squaresView: View = { buffer: squares, shape: out.shape, strides: out.strides, offset: 0 };
  kernels.unary('square', out, squaresView);
  const [varianceView, varianceTensor] = channelTensor(attrs, dtype);
  meanInto(kernels, attrs, squaresView, varianceView, count);
  attrs.backend.free(squares);
  const [inverseView, inverseTensor] = channelTensor(attrs, dtype);
  const epsilon = scalarView(attrs.backend, dtype, attrs.epsilon, attrs.channelShape);
  kernels.binary('add', varianceView, epsilon, inverseView);
  attrs.backend.free(epsilon.buffer);
  kernels.unary('sqrt', inverseView, inverseView);
  kernels.unary('reciprocal', inverseView, inverseView);
  kernels.binary('mul', out, broadcastReduced(inverseView, out.shape), out);
  attrs.mean = meanTensor;
  attrs.variance = varianceTensor;
  attrs.inverseStd = inverseTensor;
}

/** A `[C]` view broadcast along axis 1 of `shape`. */
function alongChannels(view: View, shape: Shape): View {
  return { ...view, shape, strides: shape.map((_, axis) => (axis === 1 ? (view.strides[0] as number) : 0)) };
}

// The same rule normalises per channel (batch norm) or per row (layer norm): only the reduced axes differ.
const normalizeRule: Omit<ComputeOpDef<NormalizeAttrs>, 'kind' | 'name'> = {
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  forward: (kernels, [x], out, attrs) => {
    if (fusedForwardFits(attrs, x!, [])) normalizeFused(kernels, x!, out, null, null, null, attrs);
    else normalizeInto(kernels, x!, out, attrs);
  },
  // dx = invstd · (g - mean(g) - xhat · mean(g · xhat)); under createGraph invstd is rebuilt from x with ops.
  vjp: (grad, { inputs: [x], output, attrs }) => {
    const fused = isGradEnabled() ? null : fusedGradients(grad, output, attrs.inverseStd as Tensor, attrs);
    if (fused !== null) return [fused.inputGrad];
    const options = { axis: [...attrs.axes], keepDims: true };
    const inverseStd = isGradEnabled()
      ? div(1, sqrt(add(variance(x!, { ...options, correction: 0 }), attrs.epsilon)))
      : (attrs.inverseStd as Tensor);
    const centred = sub(sub(grad, mean(grad, options)), mul(output, mean(mul(grad, output), options)));
    return [mul(centred, inverseStd)];
  },
};

const normalizeDef = defineOp<NormalizeAttrs>({ name: 'batchNorm', ...normalizeRule });
const layerNormalizeDef = defineOp<NormalizeAttrs>({ name: 'layerNorm', ...normalizeRule });

// With a gain and an offset: y = xhat · weight + bias, keeping xhat for the first-order VJP.
const normalizeAffineDef = defineOp<NormalizeAttrs>({
  name: 'batchNorm',
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  forward: (kernels, [x, weight, bias], out, attrs) => {
    const [normalizedView] = fullTensor(attrs, x!);
    if (fusedForwardFits(attrs, x!, [weight!, bias!])) {
      normalizeFused(kernels, x!, out, normalizedView, weight!, bias!, attrs);
      return;
    }
    normalizeInto(kernels, x!, normalizedView, attrs);
    kernels.binary('mul', normalizedView, alongChannels(weight!, out.shape), out);
    kernels.binary('add', out, alongChannels(bias!, out.shape), out);
  },
  // dx = weight · invstd · (g - mean(g) - xhat · mean(g · xhat)); under createGraph xhat and invstd come from ops.
  vjp: (grad, { inputs: [x, weight, bias], attrs }) => {
    const channels = [attrs.channelShape[1] as number];
    if (!isGradEnabled() && x!.requiresGrad) {
      const scale = mul(reshape(weight!, attrs.channelShape), attrs.inverseStd as Tensor);
      const fused = fusedGradients(grad, attrs.normalized as Tensor, scale, attrs);
      if (fused !== null) {
        const weightGrad = weight!.requiresGrad ? reshape(fused.gradNormalizedSum, channels) : null;
        return [fused.inputGrad, weightGrad, bias!.requiresGrad ? reshape(fused.gradSum, channels) : null];
      }
    }
    const options = { axis: [...attrs.axes], keepDims: true };
    let normalized = attrs.normalized as Tensor;
    let inverseStd = attrs.inverseStd as Tensor;
    if (isGradEnabled()) {
      inverseStd = div(1, sqrt(add(variance(x!, { ...options, correction: 0 }), attrs.epsilon)));
      normalized = mul(sub(x!, mean(x!, options)), inverseStd);
    }
    // Σg and Σg·xhat serve both the parameter gradients and (divided by the count) the input gradient's means.
    const count = grad.size / sizeOf(attrs.channelShape);
    const gradSum = sum(grad, options);
    const gradNormalizedSum = sum(mul(grad, normalized), options);
    const inputGrad = x!.requiresGrad
      ? mul(
          sub(sub(grad, div(gradSum, count)), mul(normalized, div(gradNormalizedSum, count))),
          mul(reshape(weight!, attrs.channelShape), inverseStd),
        )
      : null;
    const weightGrad = weight!.requiresGrad ? reshape(gradNormalizedSum, channels) : null;
    const biasGrad = bias!.requiresGrad ? reshape(gradSum, channels) : null;
    return [inputGrad, weightGrad, biasGrad];
  },
});

/** Fresh full-size storage shaped like `x` as a view, kept as `attrs.normalized`. */
function fullTensor(attrs: NormalizeAttrs, x: View): [View] {
  const buffer = attrs.backend.alloc(x.buffer.dtype, sizeOf(x.shape));
  const strides = contiguousStrides(x.shape);
  attrs.normalized = new Tensor(attrs.backend, buffer, x.shape, strides, 0, false, null);
  return [{ buffer, shape: x.shape, strides, offset: 0 }];
}

/** The normalised batch statistics of a training-mode batch norm. */
export interface BatchStatistics {
  /** (x - mean) / sqrt(variance + epsilon), times weight plus bias when both were given; differentiable to any order. */
  readonly normalized: Tensor;
  /** Whether `normalized` already includes the weight and bias. */
  readonly affine: boolean;
  /** Batch mean, x's shape with extent 1 off the channel axis; outside the graph. */
  readonly mean: Tensor;
  /** Biased batch variance, shaped like `mean`; outside the graph. */
  readonly variance: Tensor;
}

/** Normalises float `x` (rank ≥ 2, more than one value per channel) over every axis but 1. */
export function batchNormalize(x: Tensor, epsilon: number, weight?: Tensor | null, bias?: Tensor | null): BatchStatistics {
  const axes = Array.from({ length: x.rank }, (_, axis) => axis).filter((axis) => axis !== 1);
  const channelShape = x.shape.map((extent, axis) => (axis === 1 ? extent : 1));
  const layout = layoutOf(x.shape, axes);
  const attrs: NormalizeAttrs = { backend: x.backend, axes, channelShape, epsilon, layout, mean: null, variance: null, inverseStd: null, normalized: null };
  const affine = weight != null && bias != null && weight.dtype === x.dtype && bias.dtype === x.dtype;
  const normalized = affine ? apply(normalizeAffineDef, [x, weight, bias], attrs) : apply(normalizeDef, [x], attrs);
  return { normalized, affine, mean: attrs.mean as Tensor, variance: attrs.variance as Tensor };
}

/**
 * `(x - mean) / sqrt(variance + epsilon)` of float `x` over `axes` (biased variance) as one op, layer norm's core:
 * the composed form costs several times the kernel calls. Differentiable to any order.
 */
export function normalizeOver(x: Tensor, axes: readonly number[], epsilon: number): Tensor {
  const channelShape = x.shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
  const layout = layoutOf(x.shape, axes);
  const attrs: NormalizeAttrs = { backend: x.backend, axes, channelShape, epsilon, layout, mean: null, variance: null, inverseStd: null, normalized: null };
  return apply(layerNormalizeDef, [x], attrs);
}
