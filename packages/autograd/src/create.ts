// Constructors: every tensor that is not an op result starts here.
import {
  type Backend,
  allocTypedArray,
  contiguousStrides,
  DTypeError,
  dtypeOf,
  formatShape,
  Random,
  type RandomState,
  ShapeError,
  sizeOf,
  type DType,
  type Shape,
  type TypedArray,
} from '@nanograd/kernels';
import { getBackend } from './backend';
import { Tensor } from './tensor';

/**
 * Options shared by the constructors.
 *
 * @example
 * ```ts
 * import type { TensorOptions } from '@nanograd/autograd';
 * const options: TensorOptions = { dtype: 'f64', requiresGrad: true };
 * ```
 * @category Tensor
 */
export interface TensorOptions {
  /** Element type; `'f32'` unless the data says otherwise. */
  readonly dtype?: DType;
  /** Track gradients for the new (leaf) tensor. */
  readonly requiresGrad?: boolean;
  /** Backend that holds the storage; the active one (`getBackend()`) when omitted. */
  readonly backend?: Backend;
}

/**
 * Nested arrays of numbers, as `tensor()` accepts them.
 *
 * @example
 * ```ts
 * import type { NestedArray } from '@nanograd/autograd';
 * const rows: NestedArray = [[1, 2], [3, 4]];
 * ```
 * @category Tensor
 */
export type NestedArray = number | readonly NestedArray[];

/** Wraps a typed array (copied into backend storage) as a leaf tensor. */
function fromTypedArray(
  name: string,
  data: ArrayLike<number>,
  shape: Shape,
  dtype: DType,
  requiresGrad: boolean,
  backend: Backend = getBackend(),
): Tensor {
  const size = sizeOf(shape);
  if (data.length !== size) {
    throw new ShapeError(`${name}: ${data.length} values do not fill shape ${formatShape(shape)} (${size} elements)`);
  }
  if (requiresGrad && dtype === 'i32') throw new DTypeError(`${name}: integer tensors cannot require gradients`);
  const buffer = backend.alloc(dtype, size);
  const source = allocTypedArray(dtype, size);
  source.set(data);
  backend.write(buffer, source);
  return new Tensor(backend, buffer, shape, contiguousStrides(shape), 0, requiresGrad, null);
}

/**
 * Creates a float32 tensor from flat data and a shape (Scheme `make-tensor32`).
 *
 * @param data - Row-major values.
 * @param shape - Extents; their product must equal `data.length`. Defaults to `[data.length]`.
 * @param options - `requiresGrad`.
 * @returns A new leaf tensor.
 * @throws {@link ShapeError} If the data does not fill the shape.
 *
 * @example
 * ```ts
 * import { tensor32 } from '@nanograd/autograd';
 * tensor32([1, 2, 3, 4], [2, 2]).shape; // [2, 2]
 * ```
 * @category Tensor
 */
export function tensor32(data: Float32Array | readonly number[], shape?: Shape, options: { requiresGrad?: boolean } = {}): Tensor {
  return fromTypedArray('tensor32', data, shape ?? [data.length], 'f32', options.requiresGrad ?? false);
}

/**
 * Creates a float64 tensor from flat data and a shape (Scheme `make-tensor64`).
 *
 * @param data - Row-major values.
 * @param shape - Extents; defaults to `[data.length]`.
 * @param options - `requiresGrad`.
 * @returns A new leaf tensor.
 * @throws {@link ShapeError} If the data does not fill the shape.
 *
 * @example
 * ```ts
 * import { tensor64 } from '@nanograd/autograd';
 * tensor64([0.5, 1.5]).dtype; // 'f64'
 * ```
 * @category Tensor
 */
export function tensor64(data: Float64Array | readonly number[], shape?: Shape, options: { requiresGrad?: boolean } = {}): Tensor {
  return fromTypedArray('tensor64', data, shape ?? [data.length], 'f64', options.requiresGrad ?? false);
}

function nestedShape(name: string, value: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = (level as readonly NestedArray[])[0] ?? 0;
    if ((shape[shape.length - 1] ?? 0) === 0) break;
  }
  if (typeof value !== 'number' && !Array.isArray(value)) throw new ShapeError(`${name}: expected numbers or nested arrays`);
  return shape;
}

function flatten(name: string, value: NestedArray, shape: readonly number[], depth: number, out: number[]): void {
  if (depth === shape.length) {
    if (typeof value !== 'number') throw new ShapeError(`${name}: ragged nested array (expected shape ${formatShape(shape)})`);
    out.push(value);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[depth]) {
    throw new ShapeError(`${name}: ragged nested array (expected shape ${formatShape(shape)})`);
  }
  for (const item of value as readonly NestedArray[]) flatten(name, item, shape, depth + 1, out);
}

/**
 * Creates a tensor from a number, nested arrays or a typed array.
 *
 * @param value - The data; nested arrays must be rectangular. A typed array gives a 1-d tensor of its dtype.
 * @param options - `dtype` (default `'f32'`, or the typed array's) and `requiresGrad`.
 * @returns A new leaf tensor.
 * @throws {@link ShapeError} For ragged arrays.
 *
 * @example
 * ```ts
 * import { tensor } from '@nanograd/autograd';
 * tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'f64' }).shape; // [2, 3]
 * ```
 * @category Tensor
 */
export function tensor(value: NestedArray | TypedArray, options: TensorOptions = {}): Tensor {
  if (ArrayBuffer.isView(value)) {
    const typed = value as TypedArray;
    return fromTypedArray('tensor', typed, [typed.length], options.dtype ?? dtypeOf(typed), options.requiresGrad ?? false, options.backend);
  }
  const shape = nestedShape('tensor', value);
  const flat: number[] = [];
  flatten('tensor', value, shape, 0, flat);
  return fromTypedArray('tensor', flat, shape, options.dtype ?? 'f32', options.requiresGrad ?? false, options.backend);
}

/**
 * Creates a tensor filled with `value`.
 *
 * @param shape - Extents.
 * @param value - The fill value.
 * @param options - `dtype` (default `'f32'`) and `requiresGrad`.
 * @returns A new leaf tensor.
 *
 * @example
 * ```ts
 * import { full } from '@nanograd/autograd';
 * full([2], 7).toList(); // [7, 7]
 * ```
 * @category Tensor
 */
export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  const dtype = options.dtype ?? 'f32';
  const data = allocTypedArray(dtype, sizeOf(shape));
  data.fill(value);
  return fromTypedArray('full', data, shape, dtype, options.requiresGrad ?? false, options.backend);
}

/**
 * Creates a tensor of zeros.
 *
 * @param shape - Extents.
 * @param options - `dtype` and `requiresGrad`.
 * @returns A new leaf tensor.
 *
 * @example
 * ```ts
 * import { zeros } from '@nanograd/autograd';
 * zeros([2, 3]).size; // 6
 * ```
 * @category Tensor
 */
export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

/**
 * Creates a tensor of ones.
 *
 * @param shape - Extents.
 * @param options - `dtype` and `requiresGrad`.
 * @returns A new leaf tensor.
 *
 * @example
 * ```ts
 * import { ones } from '@nanograd/autograd';
 * ones([3]).toList(); // [1, 1, 1]
 * ```
 * @category Tensor
 */
export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

/**
 * Creates a 1-d tensor of evenly spaced values in `[start, stop)`.
 *
 * @param start - First value (or the stop, when `stop` is omitted).
 * @param stop - End, excluded.
 * @param step - Spacing; non-zero.
 * @param options - `dtype` and `requiresGrad`.
 * @returns A new leaf tensor.
 * @throws {@link ShapeError} If `step` is 0 or not finite.
 *
 * @example
 * ```ts
 * import { arange } from '@nanograd/autograd';
 * arange(0, 1, 0.25).toList(); // [0, 0.25, 0.5, 0.75]
 * ```
 * @category Tensor
 */
export function arange(start: number, stop?: number, step = 1, options: TensorOptions = {}): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0 || !Number.isFinite(step)) throw new ShapeError(`arange: step must be a non-zero finite number (got ${step})`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const values = Array.from({ length: count }, (_, i) => from + i * step);
  return fromTypedArray('arange', values, [count], options.dtype ?? 'f32', options.requiresGrad ?? false, options.backend);
}

/**
 * Creates an identity matrix (ones on the main diagonal).
 *
 * @param rows - Number of rows.
 * @param columns - Number of columns (default `rows`).
 * @param options - `dtype` and `requiresGrad`.
 * @returns A new leaf tensor of shape `[rows, columns]`.
 *
 * @example
 * ```ts
 * import { eye } from '@nanograd/autograd';
 * eye(2).toList(); // [[1, 0], [0, 1]]
 * ```
 * @category Tensor
 */
export function eye(rows: number, columns: number = rows, options: TensorOptions = {}): Tensor {
  const dtype = options.dtype ?? 'f32';
  const data = allocTypedArray(dtype, sizeOf([rows, columns]));
  for (let i = 0; i < Math.min(rows, columns); i++) data[i * columns + i] = 1;
  return fromTypedArray('eye', data, [rows, columns], dtype, options.requiresGrad ?? false, options.backend);
}

let generator = new Random(0x5eed);

/**
 * Reseeds the generator behind {@link rand}, {@link randn} and dropout, for reproducible runs.
 *
 * @param seed - Any integer.
 *
 * @example
 * ```ts
 * import { manualSeed, rand } from '@nanograd/autograd';
 * manualSeed(42);
 * const first = rand([2]).toList();
 * manualSeed(42);
 * rand([2]).toList(); // equals first
 * ```
 * @category Tensor
 */
export function manualSeed(seed: number): void {
  generator = new Random(seed);
}

/**
 * Saves the position of the generator behind rand, randn, dropout and layer initialisers (PyTorch's
 * `get_rng_state`), so a resumed run draws the same numbers.
 *
 * @returns Plain JSON.
 *
 * @example
 * ```ts
 * import { getRandomState, rand, setRandomState } from '@nanograd/autograd';
 * const saved = getRandomState();
 * const first = rand([2]).toList();
 * setRandomState(saved);
 * rand([2]).toList(); // equals first
 * ```
 * @category Tensor
 */
export function getRandomState(): RandomState {
  return generator.getState();
}

/**
 * Restores a position saved by {@link getRandomState}.
 *
 * @param state - A saved state.
 *
 * @example
 * ```ts
 * import { getRandomState, setRandomState } from '@nanograd/autograd';
 * setRandomState(getRandomState());
 * ```
 * @category Tensor
 */
export function setRandomState(state: RandomState): void {
  generator.setState(state);
}

/**
 * Returns the shared seeded generator.
 * @internal
 */
export function randomGenerator(): Random {
  return generator;
}

/**
 * Creates a tensor of uniform random numbers in `[0, 1)` from the seeded generator.
 *
 * @param shape - Extents.
 * @param options - `dtype` (float) and `requiresGrad`.
 * @returns A new leaf tensor.
 *
 * @example
 * ```ts
 * import { rand } from '@nanograd/autograd';
 * rand([2, 2]).shape; // [2, 2]
 * ```
 * @category Tensor
 */
export function rand(shape: Shape, options: TensorOptions = {}): Tensor {
  const data = generator.fillUniform(new Float64Array(sizeOf(shape)));
  return fromTypedArray('rand', data, shape, floatDType('rand', options.dtype), options.requiresGrad ?? false, options.backend);
}

/**
 * Creates a tensor of standard normal random numbers from the seeded generator.
 *
 * @param shape - Extents.
 * @param options - `dtype` (float) and `requiresGrad`.
 * @returns A new leaf tensor.
 *
 * @example
 * ```ts
 * import { randn } from '@nanograd/autograd';
 * randn([3]).size; // 3
 * ```
 * @category Tensor
 */
export function randn(shape: Shape, options: TensorOptions = {}): Tensor {
  const data = generator.fillNormal(new Float64Array(sizeOf(shape)));
  return fromTypedArray('randn', data, shape, floatDType('randn', options.dtype), options.requiresGrad ?? false, options.backend);
}

function floatDType(name: string, dtype: DType | undefined): DType {
  if (dtype === 'i32') throw new DTypeError(`${name}: needs a float dtype (got i32)`);
  return dtype ?? 'f32';
}

/**
 * Encodes class indices as one-hot rows.
 *
 * @param indices - Class indices in `[0, numClasses)`, any shape.
 * @param numClasses - Number of classes.
 * @param options - `dtype` (default `'f32'`).
 * @returns A tensor of shape `[...indices.shape, numClasses]`.
 * @throws {@link ShapeError} If an index is not an integer in range.
 *
 * @example
 * ```ts
 * import { oneHot } from '@nanograd/autograd';
 * oneHot([2, 0], 3).toList(); // [[0, 0, 1], [1, 0, 0]]
 * ```
 * @category Tensor
 */
export function oneHot(indices: Tensor | readonly number[], numClasses: number, options: { dtype?: DType } = {}): Tensor {
  const values = Array.isArray(indices) ? (indices as readonly number[]) : Array.from((indices as Tensor).data);
  const shape = Array.isArray(indices) ? [values.length] : [...(indices as Tensor).shape];
  const dtype = options.dtype ?? 'f32';
  const data = allocTypedArray(dtype, values.length * numClasses);
  values.forEach((value, row) => {
    if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
      throw new ShapeError(`oneHot: index ${value} is outside [0, ${numClasses})`);
    }
    data[row * numClasses + value] = 1;
  });
  return fromTypedArray('oneHot', data, [...shape, numClasses], dtype, false);
}

/**
 * Wraps existing data as a leaf tensor; the data is copied into backend storage.
 * @internal
 */
export function fromData(name: string, data: ArrayLike<number>, shape: Shape, dtype: DType, backend?: Backend): Tensor {
  return fromTypedArray(name, data, shape, dtype, false, backend);
}
