// Normalisation (x - mean) / sqrt(var + eps) as one op, for batch norm in training and layer norm: the composed form
// costs ~4x the passes.
import { contiguousStrides, sizeOf, type Backend, type DeviceBuffer, type Kernels, type Shape, type View } from '@nanograd/kernels';
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
  forward: (kernels, [x], out, attrs) => normalizeInto(kernels, x!, out, attrs),
  // dx = invstd · (g - mean(g) - xhat · mean(g · xhat)); under createGraph invstd is rebuilt from x with ops.
  vjp: (grad, { inputs: [x], output, attrs }) => {
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
    normalizeInto(kernels, x!, normalizedView, attrs);
    kernels.binary('mul', normalizedView, alongChannels(weight!, out.shape), out);
    kernels.binary('add', out, alongChannels(bias!, out.shape), out);
  },
  // dx = weight · invstd · (g - mean(g) - xhat · mean(g · xhat)); under createGraph xhat and invstd come from ops.
  vjp: (grad, { inputs: [x, weight, bias], attrs }) => {
    const options = { axis: [...attrs.axes], keepDims: true };
    let normalized = attrs.normalized as Tensor;
    let inverseStd = attrs.inverseStd as Tensor;
    if (isGradEnabled()) {
      inverseStd = div(1, sqrt(add(variance(x!, { ...options, correction: 0 }), attrs.epsilon)));
      normalized = mul(sub(x!, mean(x!, options)), inverseStd);
    }
    const channels = [attrs.channelShape[1] as number];
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
  const attrs: NormalizeAttrs = { backend: x.backend, axes, channelShape, epsilon, mean: null, variance: null, inverseStd: null, normalized: null };
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
  const attrs: NormalizeAttrs = { backend: x.backend, axes, channelShape, epsilon, mean: null, variance: null, inverseStd: null, normalized: null };
  return apply(layerNormalizeDef, [x], attrs);
}
