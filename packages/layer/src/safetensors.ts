// The safetensors format (https://github.com/huggingface/safetensors), pure over Uint8Array so it runs in browsers.
import { tensor, tensor32, tensor64, type Tensor } from '@nanograd/autograd';
import { formatShape, type DType } from '@nanograd/kernels';
import { HOST_IS_LITTLE_ENDIAN, ITEM_SIZE, readLittleEndian, scanObjectKeys, writeLittleEndian } from './internal/safetensors-bytes';
import type { LoadStateDictOptions, Module, StateDict } from './module';
import { StateDictError } from './state-dict-error';

/**
 * Options of {@link encodeSafetensors} and {@link saveState}.
 *
 * @example
 * ```ts
 * import type { EncodeSafetensorsOptions } from '@nanograd/layer';
 * const options: EncodeSafetensorsOptions = { metadata: { format: 'pt' } };
 * ```
 * @category Serialization
 */
export interface EncodeSafetensorsOptions {
  /** Free-form strings stored under the header's `__metadata__` key (omitted when absent). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Options of {@link decodeSafetensors}.
 *
 * @example
 * ```ts
 * import type { DecodeSafetensorsOptions } from '@nanograd/layer';
 * const options: DecodeSafetensorsOptions = { maxHeaderBytes: 1_000_000 };
 * ```
 * @category Serialization
 */
export interface DecodeSafetensorsOptions {
  /**
   * Largest accepted JSON header, in bytes; a guard against hostile files.
   * @defaultValue 100_000_000 (the limit of the Rust reference implementation)
   */
  readonly maxHeaderBytes?: number;
}

/**
 * The content of a safetensors file.
 *
 * @example
 * ```ts
 * import { decodeSafetensors, encodeSafetensors, type DecodedSafetensors } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * const decoded: DecodedSafetensors = decodeSafetensors(encodeSafetensors({ w: tensor([1, 2]) }));
 * decoded.state.w?.toList(); // [1, 2]
 * ```
 * @category Serialization
 */
export interface DecodedSafetensors {
  /** The tensors by name, in header order; new leaf tensors that do not require gradients. */
  readonly state: StateDict;
  /** The `__metadata__` strings, or an empty object. */
  readonly metadata: Record<string, string>;
}

/**
 * Options of {@link loadState}: the decoder's limits and the loader's strictness.
 *
 * @example
 * ```ts
 * import type { LoadStateOptions } from '@nanograd/layer';
 * const options: LoadStateOptions = { strict: false, maxHeaderBytes: 1_000_000 };
 * ```
 * @category Serialization
 */
export interface LoadStateOptions extends DecodeSafetensorsOptions, LoadStateDictOptions {}

const DEFAULT_MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';
const FILE_DTYPE: Readonly<Record<DType, string>> = { f32: 'F32', f64: 'F64', i32: 'I32' };
const TENSOR_DTYPE: Readonly<Record<string, DType>> = { F32: 'f32', F64: 'f64', I32: 'i32' };

/**
 * Encodes tensors in the safetensors format, which PyTorch (`safetensors.torch.load_file`), NumPy and JAX read.
 *
 * @remarks
 * Layout: an 8-byte little-endian header length N, N bytes of compact UTF-8 JSON padded with spaces to a multiple
 * of 8 (as the Rust writer does), then the raw little-endian data, packed without gaps. Header keys follow the
 * state's order (`__metadata__` first). The data section holds the 8-byte (F64) tensors first, then the 4-byte
 * ones, each group in state order, so every tensor starts at a multiple of its item size and zero-copy readers
 * can map it; readers only require the offsets to tile the data section, whatever the key order.
 * Non-contiguous tensors are written in row-major order.
 *
 * @param state - Tensors by name (f32 as `F32`, f64 as `F64`, i32 as `I32`).
 * @param options - `metadata`: strings stored under `__metadata__`.
 * @returns The file's bytes.
 * @throws {@link StateDictError} If a key is `__metadata__` or a metadata value is not a string.
 *
 * @example
 * ```ts
 * import { encodeSafetensors } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * const bytes = encodeSafetensors({ w: tensor([1, 2]) }, { metadata: { format: 'pt' } });
 * bytes.length; // 104
 * ```
 * @category Serialization
 */
export function encodeSafetensors(state: StateDict, options: EncodeSafetensorsOptions = {}): Uint8Array {
  const entries = Object.entries(state);
  if (entries.some(([key]) => key === METADATA_KEY)) throw new StateDictError(`encodeSafetensors: '${METADATA_KEY}' is reserved and cannot name a tensor`);
  // Stable sort: within one item size, the state's order is kept.
  const layout = [...entries].sort(([, left], [, right]) => ITEM_SIZE[right.dtype] - ITEM_SIZE[left.dtype]);
  const offsets = new Map<string, [number, number]>();
  let dataBytes = 0;
  for (const [key, value] of layout) {
    const end = dataBytes + value.size * ITEM_SIZE[value.dtype];
    offsets.set(key, [dataBytes, end]);
    dataBytes = end;
  }
  const members: string[] = [];
  if (options.metadata !== undefined) members.push(`${JSON.stringify(METADATA_KEY)}:${metadataJson(options.metadata)}`);
  for (const [key, value] of entries) {
    const info = { dtype: FILE_DTYPE[value.dtype], shape: value.shape, data_offsets: offsets.get(key) };
    members.push(`${JSON.stringify(key)}:${JSON.stringify(info)}`);
  }
  const json = new TextEncoder().encode(`{${members.join(',')}}`);
  const headerBytes = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerBytes + dataBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerBytes / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerBytes);
  for (const [key, value] of layout) writeLittleEndian(out, 8 + headerBytes + (offsets.get(key)?.[0] ?? 0), value.data, value.dtype, HOST_IS_LITTLE_ENDIAN);
  return out;
}

function metadataJson(metadata: Readonly<Record<string, string>>): string {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw new StateDictError(`encodeSafetensors: metadata values must be strings (key '${key}' holds a ${typeof value})`);
  }
  return JSON.stringify(metadata);
}

/** One tensor's header entry, validated. */
interface HeaderEntry {
  readonly key: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/**
 * Decodes a safetensors file, validating it completely before building any tensor.
 *
 * @remarks
 * The header may be any length and its keys in any order; the offsets must tile the data section exactly
 * (sorted by offset: the first starts at 0, each starts where the previous ends, the last ends at the end of the
 * file), as the Rust reader requires. Supported dtypes: F32, F64, I32.
 *
 * @param bytes - The whole file.
 * @param options - `maxHeaderBytes` (default 100 MB).
 * @returns The tensors and the metadata.
 * @throws {@link StateDictError} If the file is shorter than 8 bytes; the header length exceeds the limit or the
 * file; the header is not UTF-8 JSON object text; a key repeats; `__metadata__` is not a string map; an entry
 * has an unsupported dtype, a malformed shape or offsets, or a byte size other than product(shape)·itemsize; or
 * the offsets leave a gap, overlap, or run past the end of the file. Messages start with `decodeSafetensors:`.
 *
 * @example
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * const { state, metadata } = decodeSafetensors(encodeSafetensors({ w: tensor([[1, 2]]) }, { metadata: { step: '3' } }));
 * state.w?.shape; // [1, 2]
 * metadata.step; // '3'
 * ```
 * @category Serialization
 */
export function decodeSafetensors(bytes: Uint8Array, options: DecodeSafetensorsOptions = {}): DecodedSafetensors {
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  if (!Number.isSafeInteger(maxHeaderBytes) || maxHeaderBytes < 2) fail(`maxHeaderBytes must be an integer of at least 2 (got ${maxHeaderBytes})`);
  if (bytes.length < 8) fail(`the file has ${bytes.length} bytes, fewer than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const headerBytes = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
  if (headerBytes > maxHeaderBytes) fail(`header length ${headerBytes} bytes exceeds the limit of ${maxHeaderBytes} bytes (maxHeaderBytes)`);
  if (8 + headerBytes > bytes.length) fail(`header length ${headerBytes} bytes exceeds the file: only ${bytes.length - 8} bytes follow the length field`);
  const text = decodeHeaderText(bytes.subarray(8, 8 + headerBytes));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    fail(`header is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isPlainObject(header)) fail(`header must be a JSON object (got ${describe(header)})`);
  const scanned = scanObjectKeys(text);
  if (scanned.duplicate !== null) fail(`duplicate key '${scanned.duplicate}' in the header`);
  const metadata = readMetadata(header[METADATA_KEY]);
  const entries = scanned.keys.filter((key) => key !== METADATA_KEY).map((key) => readEntry(key, header[key]));
  const dataStart = 8 + headerBytes;
  checkTiling(entries, bytes.length - dataStart);
  const state: StateDict = {};
  for (const entry of entries) {
    const values = readLittleEndian(bytes, dataStart + entry.begin, dataStart + entry.end, entry.dtype, HOST_IS_LITTLE_ENDIAN);
    // defineProperty keeps a key such as '__proto__' an ordinary entry.
    Object.defineProperty(state, entry.key, { value: makeTensor(values, entry), enumerable: true, writable: true, configurable: true });
  }
  return { state, metadata };
}

function fail(message: string): never {
  throw new StateDictError(`decodeSafetensors: ${message}`);
}

function decodeHeaderText(header: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(header);
  } catch {
    return fail('header is not valid UTF-8');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}

function readMetadata(value: unknown): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (value === undefined) return metadata;
  if (!isPlainObject(value)) fail(`${METADATA_KEY} must be an object of strings (got ${describe(value)})`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') fail(`${METADATA_KEY} must map strings to strings (key '${key}' holds ${describe(item)})`);
    Object.defineProperty(metadata, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return metadata;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function readEntry(key: string, value: unknown): HeaderEntry {
  if (!isPlainObject(value)) fail(`tensor '${key}' must be an object with dtype, shape and data_offsets (got ${describe(value)})`);
  const { dtype: fileDtype, shape, data_offsets: offsets } = value;
  if (typeof fileDtype !== 'string') fail(`tensor '${key}' has no dtype string`);
  const dtype = Object.hasOwn(TENSOR_DTYPE, fileDtype) ? TENSOR_DTYPE[fileDtype] : undefined;
  if (dtype === undefined) fail(`unsupported dtype '${fileDtype}' for tensor '${key}' (supported: F32, F64, I32)`);
  if (!Array.isArray(shape) || !shape.every(isCount)) fail(`tensor '${key}' has an invalid shape ${JSON.stringify(shape)} (expected an array of non-negative integers)`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    fail(`tensor '${key}' has invalid data_offsets ${JSON.stringify(offsets)} (expected [begin, end] with non-negative integers)`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`tensor '${key}' has data_offsets [${begin}, ${end}] that end before they begin`);
  const expected = (shape as number[]).reduce((product, extent) => product * extent, 1) * ITEM_SIZE[dtype];
  if (end - begin !== expected) {
    fail(`tensor '${key}' spans ${end - begin} bytes (data_offsets [${begin}, ${end}]) but shape ${formatShape(shape as number[])} of ${fileDtype} needs ${expected}`);
  }
  return { key, dtype, shape: shape as number[], begin, end };
}

function checkTiling(entries: readonly HeaderEntry[], dataBytes: number): void {
  const sorted = [...entries].sort((left, right) => left.begin - right.begin || left.end - right.end);
  let covered = 0;
  for (const entry of sorted) {
    if (entry.end > dataBytes) fail(`tensor '${entry.key}' ends at byte ${entry.end}, beyond the ${dataBytes} bytes of data (truncated file?)`);
    if (entry.begin > covered) fail(`tensor '${entry.key}' starts at byte ${entry.begin} but the previous tensor ends at ${covered} (a gap)`);
    if (entry.begin < covered) fail(`tensor '${entry.key}' starts at byte ${entry.begin}, inside the previous tensor, which ends at ${covered} (an overlap)`);
    covered = entry.end;
  }
  if (covered !== dataBytes) fail(`${dataBytes - covered} bytes follow the last tensor (the data section has ${dataBytes} bytes, the tensors cover ${covered})`);
}

function makeTensor(values: Float32Array | Float64Array | Int32Array, entry: HeaderEntry): Tensor {
  if (values instanceof Float32Array) return tensor32(values, entry.shape);
  if (values instanceof Float64Array) return tensor64(values, entry.shape);
  return tensor(values).reshape(entry.shape);
}

/**
 * Encodes a model's parameters and buffers as a safetensors file (`encodeSafetensors(model.stateDict())`).
 *
 * @param model - The model.
 * @param options - `metadata`: strings stored in the header.
 * @returns The file's bytes.
 *
 * @example
 * ```ts
 * import { Dense, loadState, saveState } from '@nanograd/layer';
 * const bytes = saveState(new Dense(2, 3));
 * loadState(new Dense(2, 3), bytes); // the copy now computes what the original does
 * ```
 * @category Serialization
 */
export function saveState(model: Module, options: EncodeSafetensorsOptions = {}): Uint8Array {
  return encodeSafetensors(model.stateDict(), options);
}

/**
 * Decodes a safetensors file and copies its tensors into `model`, in place ({@link Module.loadStateDict}).
 *
 * @param model - The model to overwrite.
 * @param bytes - The file, as {@link saveState} or `safetensors.torch.save_file` writes it.
 * @param options - `strict` (default true) and `maxHeaderBytes`.
 * @returns The file's metadata.
 * @throws {@link StateDictError} If the file is malformed, or (strict) keys are missing or unexpected.
 * @throws {@link ShapeError} If a tensor's shape differs from the model's.
 *
 * @example
 * ```ts
 * import { Dense, loadState, saveState } from '@nanograd/layer';
 * const metadata = loadState(new Dense(2, 3), saveState(new Dense(2, 3), { metadata: { epoch: '4' } }));
 * metadata.epoch; // '4'
 * ```
 * @category Serialization
 */
export function loadState(model: Module, bytes: Uint8Array, options: LoadStateOptions = {}): Record<string, string> {
  const { state, metadata } = decodeSafetensors(bytes, options.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: options.maxHeaderBytes });
  model.loadStateDict(state, options.strict === undefined ? {} : { strict: options.strict });
  return metadata;
}
