// The Tensor value: a strided view of backend storage plus its place in the autograd graph.
import {
  contiguousStrides,
  formatShape,
  isContiguous,
  sizeOf,
  type Backend,
  type DeviceBuffer,
  type DType,
  type Shape,
  type Strides,
  type TypedArray,
  type View,
} from '@nanograd/kernels';
import type { NestedArray } from './create';
import type { BackwardOptions } from './graph/backward';
import { backward } from './graph/backward-api';
import { detach } from './graph/detach';
import type { GradNode } from './graph/grad-node';
import { add } from './ops/elementwise/add';
import { div } from './ops/elementwise/div';
import { mul } from './ops/elementwise/mul';
import { sub } from './ops/elementwise/sub';
import { reshape } from './ops/movement/reshape';
import { sum, type ReduceOptions } from './ops/reduce/sum';
import { item, toList } from './to-list';
import { exp } from './ops/elementwise/exp';
import { log } from './ops/elementwise/log';
import { neg } from './ops/elementwise/neg';
import { pow } from './ops/elementwise/pow';
import { relu } from './ops/activation/relu';
import { tanh } from './ops/activation/tanh';
import { sigmoid } from './ops/activation/sigmoid';
import { matmul } from './ops/linalg/matmul';
import { transpose } from './ops/linalg/transpose';
import { permute } from './ops/linalg/permute';
import { mean } from './ops/reduce/mean';
import { max } from './ops/reduce/max';
import { softmax, type SoftmaxOptions } from './ops/softmax/softmax';
import { logSoftmax } from './ops/softmax/log-softmax';
import { sqrt } from './ops/elementwise/sqrt';
import { abs } from './ops/elementwise/abs';
import { square } from './ops/elementwise/square';
import { clamp, type ClampOptions } from './ops/elementwise/clamp';
import { min } from './ops/reduce/min';
import { prod } from './ops/reduce/prod';
import { variance, type VarianceOptions } from './ops/reduce/variance';
import { logsumexp } from './ops/reduce/logsumexp';
import { argmax, type ArgReduceOptions } from './ops/reduce/argmax';
import { argmin } from './ops/reduce/argmin';
import { squeeze, type SqueezeOptions } from './ops/movement/squeeze';
import { unsqueeze } from './ops/movement/unsqueeze';
import { narrow } from './ops/movement/narrow';
import { broadcastTo } from './ops/movement/broadcast-to';
import { contiguous } from './ops/movement/contiguous';
import { gelu, type GeluOptions } from './ops/activation/gelu';
import { silu } from './ops/activation/silu';
import { cast } from './ops/linalg/cast';
import { flatten, type FlattenOptions } from './ops/movement/flatten';

/**
 * An n-dimensional array of `f32`, `f64` or `i32` elements that records the ops applied to it, so gradients can
 * flow back through them.
 *
 * @remarks
 * Tensors are immutable values reclaimed by the garbage collector: there is no `dispose`. Views
 * (reshape, transpose, slice) share storage with their source. Create tensors with {@link tensor},
 * {@link tensor32}, {@link zeros} and friends rather than with `new`.
 *
 * @example
 * ```ts
 * import { tensor } from '@nanograd/autograd';
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * x.shape; // [2, 2]
 * ```
 * @category Tensor
 */
export class Tensor {
  /** Backend that owns {@link Tensor.buffer}. */
  readonly backend: Backend;
  /** The storage; shared between a tensor and its views. */
  readonly buffer: DeviceBuffer;
  /** Extent of each dimension. */
  readonly shape: Shape;
  /** Step in elements along each dimension (0 on broadcast axes). */
  readonly strides: Strides;
  /** Index of the first element in {@link Tensor.buffer}. */
  readonly offset: number;
  /** Element type. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** Whether gradients are tracked for this tensor. */
  requiresGrad: boolean;
  /** Accumulated gradient (leaf tensors, after {@link Tensor.backward}); `null` until then. */
  grad: Tensor | null = null;
  /**
   * The op application that produced this tensor, or `null` for leaves.
   * @internal
   */
  node: GradNode | null;

  /** @internal Use the creation functions instead. */
  constructor(
    backend: Backend,
    buffer: DeviceBuffer,
    shape: Shape,
    strides: Strides,
    offset: number,
    requiresGrad: boolean,
    node: GradNode | null,
  ) {
    this.backend = backend;
    this.buffer = buffer;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...strides]);
    this.offset = offset;
    this.dtype = buffer.dtype;
    this.size = sizeOf(shape);
    this.requiresGrad = requiresGrad;
    this.node = node;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether the elements lie row-major and gap-free in the buffer from {@link Tensor.offset}. */
  get isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  /**
   * The elements as a row-major typed array. For a contiguous tensor that spans its whole buffer this is the
   * live storage (writes show through, as with the Scheme egg's `tensor-data`); for views it is a copy.
   */
  get data(): TypedArray {
    if (this.offset === 0 && this.size === this.buffer.size && this.isContiguous) return this.backend.view(this.buffer);
    const out = this.backend.alloc(this.dtype, this.size);
    this.backend.kernels.copy(this.view(), { buffer: out, shape: this.shape, strides: contiguousStrides(this.shape), offset: 0 });
    // A JS-heap copy: nothing else holds `out`, so a backend may reuse its storage as soon as it is freed.
    const copy = this.backend.view(out).slice();
    this.backend.free(out);
    return copy;
  }

  /**
   * The kernel-level view of this tensor.
   * @internal
   */
  view(): View {
    return { buffer: this.buffer, shape: this.shape, strides: this.strides, offset: this.offset };
  }

  /** {@inheritDoc add} */
  add(other: Tensor | number): Tensor {
    return add(this, other);
  }

  /** {@inheritDoc sub} */
  sub(other: Tensor | number): Tensor {
    return sub(this, other);
  }

  /** {@inheritDoc mul} */
  mul(other: Tensor | number): Tensor {
    return mul(this, other);
  }

  /** {@inheritDoc div} */
  div(other: Tensor | number): Tensor {
    return div(this, other);
  }

  /** {@inheritDoc pow} */
  pow(exponent: Tensor | number): Tensor {
    return pow(this, exponent);
  }

  /** {@inheritDoc neg} */
  neg(): Tensor {
    return neg(this);
  }

  /** {@inheritDoc exp} */
  exp(): Tensor {
    return exp(this);
  }

  /** {@inheritDoc log} */
  log(): Tensor {
    return log(this);
  }

  /** {@inheritDoc relu} */
  relu(): Tensor {
    return relu(this);
  }

  /** {@inheritDoc tanh} */
  tanh(): Tensor {
    return tanh(this);
  }

  /** {@inheritDoc sigmoid} */
  sigmoid(): Tensor {
    return sigmoid(this);
  }

  /** {@inheritDoc matmul} */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }

  /** {@inheritDoc transpose} */
  transpose(axis0?: number, axis1?: number): Tensor {
    return transpose(this, axis0, axis1);
  }

  /** {@inheritDoc permute} */
  permute(axes: readonly number[]): Tensor {
    return permute(this, axes);
  }

  /** {@inheritDoc mean} */
  mean(options?: ReduceOptions): Tensor {
    return mean(this, options);
  }

  /** {@inheritDoc max} */
  max(options?: ReduceOptions): Tensor {
    return max(this, options);
  }

  /** {@inheritDoc softmax} */
  softmax(options?: SoftmaxOptions): Tensor {
    return softmax(this, options);
  }

  /** {@inheritDoc logSoftmax} */
  logSoftmax(options?: SoftmaxOptions): Tensor {
    return logSoftmax(this, options);
  }

  /** {@inheritDoc sqrt} */
  sqrt(): Tensor {
    return sqrt(this);
  }

  /** {@inheritDoc abs} */
  abs(): Tensor {
    return abs(this);
  }

  /** {@inheritDoc square} */
  square(): Tensor {
    return square(this);
  }

  /** {@inheritDoc clamp} */
  clamp(options?: ClampOptions): Tensor {
    return clamp(this, options);
  }

  /** {@inheritDoc gelu} */
  gelu(options?: GeluOptions): Tensor {
    return gelu(this, options);
  }

  /** {@inheritDoc silu} */
  silu(): Tensor {
    return silu(this);
  }

  /** {@inheritDoc min} */
  min(options?: ReduceOptions): Tensor {
    return min(this, options);
  }

  /** {@inheritDoc prod} */
  prod(options?: ReduceOptions): Tensor {
    return prod(this, options);
  }

  /** {@inheritDoc variance} */
  var(options?: VarianceOptions): Tensor {
    return variance(this, options);
  }

  /** {@inheritDoc logsumexp} */
  logsumexp(options?: ReduceOptions): Tensor {
    return logsumexp(this, options);
  }

  /** {@inheritDoc argmax} */
  argmax(options?: ArgReduceOptions): Tensor {
    return argmax(this, options);
  }

  /** {@inheritDoc argmin} */
  argmin(options?: ArgReduceOptions): Tensor {
    return argmin(this, options);
  }

  /** {@inheritDoc squeeze} */
  squeeze(options?: SqueezeOptions): Tensor {
    return squeeze(this, options);
  }

  /** {@inheritDoc unsqueeze} */
  unsqueeze(axis: number): Tensor {
    return unsqueeze(this, axis);
  }

  /** {@inheritDoc narrow} */
  narrow(axis: number, start: number, length: number): Tensor {
    return narrow(this, axis, start, length);
  }

  /** {@inheritDoc broadcastTo} */
  broadcastTo(shape: Shape): Tensor {
    return broadcastTo(this, shape);
  }

  /** {@inheritDoc contiguous} */
  contiguous(): Tensor {
    return contiguous(this);
  }

  /** {@inheritDoc cast} */
  cast(dtype: DType): Tensor {
    return cast(this, dtype);
  }

  /** {@inheritDoc flatten} */
  flatten(options?: FlattenOptions): Tensor {
    return flatten(this, options);
  }

  /** {@inheritDoc sum} */
  sum(options?: ReduceOptions): Tensor {
    return sum(this, options);
  }

  /** {@inheritDoc reshape} */
  reshape(shape: Shape): Tensor {
    return reshape(this, shape);
  }

  /** {@inheritDoc backward} */
  backward(options?: BackwardOptions): void {
    backward(this, options);
  }

  /** {@inheritDoc detach} */
  detach(): Tensor {
    return detach(this);
  }

  /** {@inheritDoc toList} */
  toList(): NestedArray {
    return toList(this);
  }

  /** {@inheritDoc item} */
  item(): number {
    return item(this);
  }

  /** Returns a short description, e.g. `Tensor(2x3, f32)`. */
  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}${this.requiresGrad ? ', requiresGrad' : ''})`;
  }
}
