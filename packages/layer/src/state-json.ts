// A JSON form of a model's state: readable, diffable, and exact for every f32/f64/i32 value.
import { tensor, tensor32, tensor64, type Tensor } from '@nanograd/autograd';
import { formatShape, type DType } from '@nanograd/kernels';
import type { StateDict } from './module';
import { StateDictError } from './state-dict-error';

/**
 * One element in JSON: a number, or a string for the values JSON numbers cannot hold (`JSON.stringify` would turn
 * them into `null` or `0`).
 *
 * @example
 * ```ts
 * import type { JsonNumber } from '@nanograd/layer';
 * const values: JsonNumber[] = [0.5, 'NaN', 'Infinity', '-Infinity', '-0'];
 * ```
 * @category Serialization
 */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/**
 * One tensor in JSON form.
 *
 * @example
 * ```ts
 * import type { TensorJson } from '@nanograd/layer';
 * const weight: TensorJson = { dtype: 'f32', shape: [2, 2], data: [1, 0, 0, 1] };
 * ```
 * @category Serialization
 */
export interface TensorJson {
  /** Element type. */
  readonly dtype: DType;
  /** Extents. */
  readonly shape: readonly number[];
  /** Row-major values; their count is the product of the shape. */
  readonly data: readonly JsonNumber[];
}

/**
 * A model's state in JSON form: tensors by dotted name. `JSON.stringify` it as is.
 *
 * @example
 * ```ts
 * import type { StateDictJson } from '@nanograd/layer';
 * const json: StateDictJson = { bias: { dtype: 'f32', shape: [2], data: [0, 0] } };
 * ```
 * @category Serialization
 */
export type StateDictJson = Record<string, TensorJson>;

const SPECIAL_VALUES: ReadonlyMap<string, number> = new Map([
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-0', -0],
]);

function toJsonNumber(value: number): JsonNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

/**
 * Converts a state to plain JSON-serialisable objects (values copied, row-major, non-contiguous tensors included).
 *
 * @remarks
 * Every value round-trips exactly through `JSON.stringify`/`JSON.parse` and {@link stateDictFromJson}: an f32
 * value is an exact double, printed with the shortest decimal that reads back as the same double. NaN, ±Infinity
 * and -0 become the strings `'NaN'`, `'Infinity'`, `'-Infinity'`, `'-0'`.
 *
 * @param state - Tensors by name.
 * @returns The JSON form.
 *
 * @example
 * ```ts
 * import { stateDictToJson } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * JSON.stringify(stateDictToJson({ w: tensor([[0.5, 2]]) })); // '{"w":{"dtype":"f32","shape":[1,2],"data":[0.5,2]}}'
 * ```
 * @category Serialization
 */
export function stateDictToJson(state: StateDict): StateDictJson {
  const json: StateDictJson = {};
  for (const [key, value] of Object.entries(state)) {
    const entry: TensorJson = { dtype: value.dtype, shape: [...value.shape], data: Array.from(value.data, toJsonNumber) };
    Object.defineProperty(json, key, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return json;
}

function fail(message: string): never {
  throw new StateDictError(`stateDictFromJson: ${message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readValue(key: string, index: number, item: unknown, dtype: DType): number {
  const value = typeof item === 'string' ? SPECIAL_VALUES.get(item) : typeof item === 'number' ? item : undefined;
  if (value === undefined) fail(`'${key}' data[${index}] is ${JSON.stringify(item) ?? String(item)}, not a number`);
  if (dtype === 'i32' && !(Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31)) fail(`'${key}' data[${index}] = ${value} is not a 32-bit integer`);
  if (dtype === 'f32' && Number.isFinite(value) && !Number.isFinite(Math.fround(value))) fail(`'${key}' data[${index}] = ${value} overflows f32`);
  return value;
}

function readTensor(key: string, entry: unknown): Tensor {
  if (!isPlainObject(entry)) fail(`'${key}' must be an object with dtype, shape and data`);
  const { dtype, shape, data } = entry;
  if (dtype !== 'f32' && dtype !== 'f64' && dtype !== 'i32') fail(`'${key}' has unsupported dtype ${JSON.stringify(dtype) ?? String(dtype)} (supported: f32, f64, i32)`);
  if (!Array.isArray(shape) || !shape.every((extent) => Number.isSafeInteger(extent) && (extent as number) >= 0)) {
    fail(`'${key}' has an invalid shape ${JSON.stringify(shape) ?? String(shape)} (expected an array of non-negative integers)`);
  }
  const extents = shape as number[];
  const size = extents.reduce((product, extent) => product * extent, 1);
  if (!Array.isArray(data)) fail(`'${key}' has no data array`);
  if (data.length !== size) fail(`'${key}' has ${data.length} values but shape ${formatShape(extents)} needs ${size}`);
  const values = data.map((item, index) => readValue(key, index, item, dtype));
  if (dtype === 'f32') return tensor32(values, extents);
  if (dtype === 'f64') return tensor64(values, extents);
  return tensor(Int32Array.from(values)).reshape(extents);
}

/**
 * Rebuilds a state from its JSON form, validating every entry.
 *
 * @param json - A {@link StateDictJson}, typically from `JSON.parse`.
 * @returns New leaf tensors by name, ready for {@link Module.loadStateDict}.
 * @throws {@link StateDictError} If `json` is not an object of entries, or an entry has an unsupported dtype, an
 * invalid shape, a value count other than the shape's size, a non-number value, an i32 value that is not a 32-bit
 * integer, or a finite value that overflows f32.
 *
 * @example
 * ```ts
 * import { stateDictFromJson } from '@nanograd/layer';
 * const state = stateDictFromJson(JSON.parse('{"w":{"dtype":"f64","shape":[2],"data":[1,"-Infinity"]}}'));
 * state.w?.toList(); // [1, -Infinity]
 * ```
 * @category Serialization
 */
export function stateDictFromJson(json: unknown): StateDict {
  if (!isPlainObject(json)) fail(`expected an object of tensors (got ${Array.isArray(json) ? 'an array' : String(json)})`);
  const state: StateDict = {};
  for (const [key, entry] of Object.entries(json)) {
    Object.defineProperty(state, key, { value: readTensor(key, entry), enumerable: true, writable: true, configurable: true });
  }
  return state;
}
