import { describe, expect, it } from 'vitest';
import { add, manualSeed, matmul, randn, tanh, tensor, tensor32, tensor64, zeros, type Tensor } from '@nanograd/autograd';
import { readLittleEndian, scanObjectKeys, writeLittleEndian } from './internal/safetensors-bytes';
import { Module } from './module';
import { decodeSafetensors, encodeSafetensors, loadState, saveState } from './safetensors';
import { StateDictError } from './state-dict-error';

/** Builds a file by hand: 8-byte little-endian length, the header text as given, then the data bytes. */
function file(header: string, data: readonly number[]): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  let length = json.length;
  for (let index = 0; index < 8; index++) {
    out[index] = length % 256;
    length = Math.floor(length / 256);
  }
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const F32_ONE = [0x00, 0x00, 0x80, 0x3f];
const F32_MINUS_TWO = [0x00, 0x00, 0x00, 0xc0];
const F32_HALF = [0x00, 0x00, 0x00, 0x3f];
const F32_THREE = [0x00, 0x00, 0x40, 0x40];
const F64_HALF = [0, 0, 0, 0, 0, 0, 0xe0, 0x3f];
const F64_MINUS_THREE = [0, 0, 0, 0, 0, 0, 0x08, 0xc0];

function expectDecodeError(bytes: Uint8Array, message: string, options: { maxHeaderBytes?: number } = {}): void {
  expect(() => decodeSafetensors(bytes, options)).toThrow(StateDictError);
  expect(() => decodeSafetensors(bytes, options)).toThrow(message);
}

describe('encodeSafetensors', () => {
  it('writes the exact byte layout of the format', () => {
    const state = { weight: tensor32([1, -2, 0.5, 3], [2, 2]), running: tensor64([0.5, -3], [2]) };
    // Compact JSON in state order; the f64 data goes first so both tensors are aligned; 123 bytes + 5 spaces.
    const header = '{"weight":{"dtype":"F32","shape":[2,2],"data_offsets":[16,32]},"running":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}     ';
    const expected = [128, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode(header), ...F64_HALF, ...F64_MINUS_THREE, ...F32_ONE, ...F32_MINUS_TWO, ...F32_HALF, ...F32_THREE];
    expect(header.length).toBe(128);
    expect([...encodeSafetensors(state)]).toEqual(expected);
  });

  it('matches the Rust reference serializer byte for byte (its test_serialization_forced_alignement vector)', () => {
    const bytes = encodeSafetensors({ attn0: tensor32([0, 1, 2, 3, 4, 5], [1, 1, 2, 3]) });
    const expected = [
      72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
      91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
      32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ];
    expect([...bytes]).toEqual(expected);
  });

  it('writes metadata first, and an empty state as {} padded to 8 bytes', () => {
    expect([...encodeSafetensors({})]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    const bytes = encodeSafetensors({}, { metadata: { framework: 'pt' } });
    expect(new TextDecoder().decode(bytes.subarray(8))).toBe('{"__metadata__":{"framework":"pt"}}     ');
    expect(bytes[0]).toBe(40);
  });

  it('pads by UTF-8 byte length, not string length', () => {
    const bytes = encodeSafetensors({ 'poids.é': tensor32([1], [1]) });
    const headerLength = bytes[0] ?? 0;
    expect(headerLength % 8).toBe(0);
    expect(decodeSafetensors(bytes).state['poids.é']?.toList()).toEqual([1]);
  });

  it('writes non-contiguous tensors in row-major order', () => {
    const base = tensor32([1, 2, 3, 4, 5, 6], [2, 3]);
    const transposed = base.transpose(0, 1);
    const { state } = decodeSafetensors(encodeSafetensors({ t: transposed, row: base.narrow(0, 1, 1) }));
    expect(state.t?.shape).toEqual([3, 2]);
    expect(state.t?.toList()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(state.row?.toList()).toEqual([[4, 5, 6]]);
  });

  it('rejects the reserved key and non-string metadata', () => {
    expect(() => encodeSafetensors({ __metadata__: zeros([1]) })).toThrow("encodeSafetensors: '__metadata__' is reserved");
    const metadata = { step: 3 } as unknown as Record<string, string>;
    expect(() => encodeSafetensors({}, { metadata })).toThrow("encodeSafetensors: metadata values must be strings (key 'step' holds a number)");
  });
});

describe('decodeSafetensors', () => {
  it('reads a hand-built file with another key order, metadata and no padding', () => {
    const header = '{"b":{"dtype":"F64","shape":[2],"data_offsets":[8,24]},"__metadata__":{"format":"pt","note":"x"},"a":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"i":{"dtype":"I32","shape":[],"data_offsets":[24,28]}}';
    expect(header.length % 8).not.toBe(0);
    const bytes = file(header, [...F32_ONE, ...F32_MINUS_TWO, ...F64_HALF, ...F64_MINUS_THREE, 0xfe, 0xff, 0xff, 0xff]);
    const { state, metadata } = decodeSafetensors(bytes);
    expect(Object.keys(state)).toEqual(['b', 'a', 'i']);
    expect(metadata).toEqual({ format: 'pt', note: 'x' });
    expect(state.a?.dtype).toBe('f32');
    expect(state.a?.toList()).toEqual([[1, -2]]);
    expect(state.b?.dtype).toBe('f64');
    expect(state.b?.toList()).toEqual([0.5, -3]);
    expect(state.i?.dtype).toBe('i32');
    expect(state.i?.shape).toEqual([]);
    expect(state.i?.item()).toBe(-2);
    expect(state.a?.requiresGrad).toBe(false);
  });

  it('reads from a Uint8Array that is a window into a larger buffer, at an odd offset', () => {
    const bytes = encodeSafetensors({ w: tensor64([0.1, 0.2, 0.3], [3]) });
    const host = new Uint8Array(bytes.length + 3);
    host.set(bytes, 3);
    expect(decodeSafetensors(host.subarray(3)).state.w?.toList()).toEqual([0.1, 0.2, 0.3]);
  });

  it('accepts zero-size tensors and an empty state', () => {
    const { state } = decodeSafetensors(file('{"e":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', F32_ONE));
    expect(state.e?.shape).toEqual([0, 3]);
    expect(state.x?.toList()).toEqual([1]);
    expect(decodeSafetensors(file('{}', [])).state).toEqual({});
  });

  it('round-trips f32, f64 and i32 values exactly, including NaN, ±Infinity and -0', () => {
    const values = [0.1, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, 3.4e38];
    const state = { f32: tensor32(values, [7]), f64: tensor64([...values, 5e-324], [2, 4]), i32: tensor(new Int32Array([-(2 ** 31), 2 ** 31 - 1, 0])) };
    const { state: read } = decodeSafetensors(encodeSafetensors(state));
    expect([...(read.f32?.data ?? [])]).toEqual([...Float32Array.from(values)]);
    expect(Object.is(read.f32?.data[1], -0)).toBe(true);
    expect([...(read.f64?.data ?? [])]).toEqual([...values, 5e-324]);
    expect(read.i32?.toList()).toEqual([-(2 ** 31), 2 ** 31 - 1, 0]);
  });

  describe('rejections', () => {
    const valid = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    it('a file shorter than the length field', () => {
      expectDecodeError(new Uint8Array(5), 'decodeSafetensors: the file has 5 bytes, fewer than the 8-byte header length');
    });
    it('an oversized header', () => {
      const bytes = new Uint8Array(16);
      new DataView(bytes.buffer).setUint32(4, 1, true);
      expectDecodeError(bytes, 'decodeSafetensors: header length 4294967296 bytes exceeds the limit of 100000000 bytes (maxHeaderBytes)');
      expectDecodeError(file(valid, [...F32_ONE, ...F32_ONE]), 'decodeSafetensors: header length 54 bytes exceeds the limit of 16 bytes', { maxHeaderBytes: 16 });
    });
    it('a header longer than the file', () => {
      const bytes = file(valid, []).subarray(0, 40);
      expectDecodeError(bytes, 'decodeSafetensors: header length 54 bytes exceeds the file: only 32 bytes follow the length field');
    });
    it('a header that is not UTF-8, not JSON, or not an object', () => {
      const bytes = file('{"a":1}', []);
      bytes[9] = 0xff;
      expectDecodeError(bytes, 'decodeSafetensors: header is not valid UTF-8');
      expectDecodeError(file('{"a":', []), 'decodeSafetensors: header is not valid JSON');
      expectDecodeError(file('[1,2]', []), 'decodeSafetensors: header must be a JSON object (got an array)');
    });
    it('duplicate keys, at the top level or inside an entry', () => {
      const header = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
      expectDecodeError(file(header, [...F32_ONE, ...F32_ONE]), "decodeSafetensors: duplicate key 'a' in the header");
      expectDecodeError(file('{"a":{"dtype":"F32","dtype":"F64","shape":[1],"data_offsets":[0,4]}}', F32_ONE), "decodeSafetensors: duplicate key 'dtype'");
    });
    it('gaps, overlaps and out-of-range offsets', () => {
      const gap = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}';
      expectDecodeError(file(gap, [...F32_ONE, ...F32_ONE, ...F32_ONE]), "decodeSafetensors: tensor 'b' starts at byte 8 but the previous tensor ends at 4 (a gap)");
      const leadingGap = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
      expectDecodeError(file(leadingGap, [...F32_ONE, ...F32_ONE]), "decodeSafetensors: tensor 'a' starts at byte 4 but the previous tensor ends at 0 (a gap)");
      const overlap = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
      expectDecodeError(file(overlap, [...F32_ONE, ...F32_ONE]), "decodeSafetensors: tensor 'b' starts at byte 4, inside the previous tensor, which ends at 8 (an overlap)");
      const outOfRange = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}';
      expectDecodeError(file(outOfRange, [...F32_ONE, ...F32_ONE]), "decodeSafetensors: tensor 'b' ends at byte 12, beyond the 8 bytes of data");
      expectDecodeError(file(valid, [...F32_ONE, ...F32_ONE, 0, 0]), 'decodeSafetensors: 2 bytes follow the last tensor (the data section has 10 bytes, the tensors cover 8)');
      const reversed = '{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}';
      expectDecodeError(file(reversed, [...F32_ONE, ...F32_ONE]), "decodeSafetensors: tensor 'a' has data_offsets [8, 4] that end before they begin");
      const negative = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}';
      expectDecodeError(file(negative, []), "decodeSafetensors: tensor 'a' has invalid data_offsets [-4,0]");
    });
    it('a byte size that does not match the shape', () => {
      const header = '{"a":{"dtype":"F64","shape":[2,2],"data_offsets":[0,16]}}';
      expectDecodeError(file(header, [...F64_HALF, ...F64_HALF]), "decodeSafetensors: tensor 'a' spans 16 bytes (data_offsets [0, 16]) but shape 2x2 of F64 needs 32");
      expectDecodeError(file('{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}', F32_ONE), "decodeSafetensors: tensor 'a' has an invalid shape [1.5]");
    });
    it('unsupported or missing dtypes, naming the dtype and the key', () => {
      expectDecodeError(file('{"half":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}', F32_ONE), "decodeSafetensors: unsupported dtype 'F16' for tensor 'half' (supported: F32, F64, I32)");
      expectDecodeError(file('{"a":{"dtype":"toString","shape":[1],"data_offsets":[0,4]}}', F32_ONE), "decodeSafetensors: unsupported dtype 'toString' for tensor 'a'");
      expectDecodeError(file('{"a":{"shape":[1],"data_offsets":[0,4]}}', F32_ONE), "decodeSafetensors: tensor 'a' has no dtype string");
      expectDecodeError(file('{"a":[1]}', []), "decodeSafetensors: tensor 'a' must be an object with dtype, shape and data_offsets (got an array)");
    });
    it('malformed metadata', () => {
      expectDecodeError(file('{"__metadata__":{"step":3}}', []), "decodeSafetensors: __metadata__ must map strings to strings (key 'step' holds a number)");
      expectDecodeError(file('{"__metadata__":"pt"}', []), 'decodeSafetensors: __metadata__ must be an object of strings (got a string)');
    });
    it('a truncated file', () => {
      const bytes = encodeSafetensors({ a: tensor32([1, 2, 3], [3]), b: tensor64([4], [1]) });
      // Data section: b (8 bytes) then a (12 bytes); cut 4 bytes off the end.
      expectDecodeError(bytes.subarray(0, bytes.length - 4), "decodeSafetensors: tensor 'a' ends at byte 20, beyond the 16 bytes of data (truncated file?)");
      expectDecodeError(bytes.subarray(0, 20), 'decodeSafetensors: header length');
      expectDecodeError(bytes.subarray(0, 7), 'decodeSafetensors: the file has 7 bytes');
    });
    it('an invalid maxHeaderBytes option', () => {
      expectDecodeError(file(valid, []), 'decodeSafetensors: maxHeaderBytes must be an integer of at least 2 (got -1)', { maxHeaderBytes: -1 });
    });
    it('keeps a key named __proto__ an ordinary entry', () => {
      const { state } = decodeSafetensors(file('{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', F32_ONE));
      expect(Object.keys(state)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    });
  });
});

describe('little-endian helpers', () => {
  it('the portable DataView path writes and reads the same bytes as the byte-copy path', () => {
    const cases = [
      { dtype: 'f32', data: Float32Array.from([1, -2, 0.5, 3]) },
      { dtype: 'f64', data: Float64Array.from([0.5, -3]) },
      { dtype: 'i32', data: Int32Array.from([-2, 258]) },
    ] as const;
    for (const { dtype, data } of cases) {
      const portable = new Uint8Array(data.byteLength + 1);
      const copied = new Uint8Array(data.byteLength + 1);
      writeLittleEndian(portable, 1, data, dtype, false);
      writeLittleEndian(copied, 1, data, dtype, true);
      expect([...portable]).toEqual([...copied]);
      expect([...readLittleEndian(portable, 1, portable.length, dtype, false)]).toEqual([...data]);
    }
    const bytes = new Uint8Array(8);
    writeLittleEndian(bytes, 0, Float32Array.from([1, -2]), 'f32', false);
    expect([...bytes]).toEqual([...F32_ONE, ...F32_MINUS_TWO]);
  });

  it('scanObjectKeys lists top-level keys in order and finds duplicates at any depth', () => {
    expect(scanObjectKeys('{"b":{"x":[1,{"k":"a\\"b:"}]}, "a" :2,"c":"d"}')).toEqual({ keys: ['b', 'a', 'c'], duplicate: null });
    expect(scanObjectKeys('{"b":[{"k":1,"k":2}]}').duplicate).toBe('k');
    expect(scanObjectKeys('{"\\u0061":1,"a":2}').duplicate).toBe('a');
  });
});

class TinyNet extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly shift: Tensor;
  constructor() {
    super('tiny');
    this.weight = this.registerParameter('weight', randn([3, 2], { requiresGrad: true }));
    this.bias = this.registerParameter('bias', randn([2], { requiresGrad: true }));
    this.shift = this.registerBuffer('shift', randn([2], { dtype: 'f64' }));
  }
  forward(x: Tensor): Tensor {
    return add(tanh(add(matmul(x, this.weight), this.bias)), this.shift.cast('f32'));
  }
}

describe('saveState / loadState', () => {
  it('a model saved and loaded into a fresh instance gives identical outputs', () => {
    manualSeed(1);
    const original = new TinyNet();
    const input = randn([4, 3]);
    const expected = original.forward(input).toList();
    const bytes = saveState(original, { metadata: { epoch: '7' } });
    const copy = new TinyNet();
    expect(copy.forward(input).toList()).not.toEqual(expected);
    expect(loadState(copy, bytes)).toEqual({ epoch: '7' });
    expect(copy.forward(input).toList()).toEqual(expected);
    expect(copy.shift.dtype).toBe('f64');
    expect([...copy.shift.data]).toEqual([...original.shift.data]);
    expect(copy.weight.requiresGrad).toBe(true);
  });

  it('passes strictness through and reports missing keys', () => {
    const bytes = encodeSafetensors({ weight: randn([3, 2]) });
    expect(() => loadState(new TinyNet(), bytes)).toThrow('loadStateDict: missing keys bias, shift');
    expect(() => loadState(new TinyNet(), bytes, { strict: false })).not.toThrow();
    expect(() => loadState(new TinyNet(), bytes, { maxHeaderBytes: 8 })).toThrow('decodeSafetensors: header length');
  });
});
