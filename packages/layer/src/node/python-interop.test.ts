// Optional: our files read by Python. Each test is skipped when its Python module is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensor, tensor32, tensor64 } from '@nanograd/autograd';
import { decodeSafetensors, encodeSafetensors } from '../safetensors';

function hasPythonModule(name: string): boolean {
  const result = spawnSync('python3', ['-c', `import ${name}`], { encoding: 'utf8' });
  return result.status === 0;
}

function runPython(script: string, ...args: string[]): string {
  const result = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout;
}

const HAS_SAFETENSORS = hasPythonModule('safetensors.numpy');
const HAS_NUMPY = hasPythonModule('numpy');

const state = {
  weight: tensor32([1, -2, 0.5, 3, 0.1, -0.25], [2, 3]),
  running: tensor64([0.1, -1e300], [2]),
  steps: tensor(new Int32Array([-7])).reshape([]),
};
const expected = { weight: [...state.weight.data], running: [0.1, -1e300], steps: -7 };

let directory = '';
let path = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'nanograd-python-'));
  path = join(directory, 'ours.safetensors');
  await writeFile(path, encodeSafetensors(state, { metadata: { framework: 'nanograd' } }));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('Python interoperability', () => {
  it.skipIf(!HAS_SAFETENSORS)('the official safetensors package reads our file, and we read its file', async () => {
    const script = `
import json, sys
import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file
tensors = load_file(sys.argv[1])
with safe_open(sys.argv[1], framework="np") as f:
    metadata = f.metadata()
print(json.dumps({"weight": tensors["weight"].tolist(), "wshape": list(tensors["weight"].shape), "wdtype": str(tensors["weight"].dtype),
                  "running": tensors["running"].tolist(), "steps": int(tensors["steps"]), "sshape": list(tensors["steps"].shape), "metadata": metadata}))
save_file({"b": np.array([[1.5, -2.0]], dtype=np.float64), "a": np.array([3, 4, 5], dtype=np.float32)}, sys.argv[2], metadata={"k": "v"})
`;
    const theirs = join(directory, 'theirs.safetensors');
    const read = JSON.parse(runPython(script, path, theirs)) as Record<string, unknown>;
    expect(read.wshape).toEqual([2, 3]);
    expect(read.wdtype).toBe('float32');
    expect((read.weight as number[][]).flat()).toEqual(expected.weight);
    expect(read.running).toEqual(expected.running);
    expect(read.steps).toBe(expected.steps);
    expect(read.sshape).toEqual([]);
    expect(read.metadata).toEqual({ framework: 'nanograd' });
    const decoded = decodeSafetensors(new Uint8Array(await readFile(theirs)));
    expect(decoded.metadata).toEqual({ k: 'v' });
    expect(decoded.state.b?.toList()).toEqual([[1.5, -2]]);
    expect(decoded.state.a?.toList()).toEqual([3, 4, 5]);
  });

  it.skipIf(!HAS_NUMPY)('an independent NumPy reader following the format specification reads our file', () => {
    // Mirrors the Rust reader's checks: header size, JSON, offsets tiling the data section, sizes matching shapes.
    const script = `
import json, struct, sys
import numpy as np
raw = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<Q", raw[:8])
assert n % 8 == 0, "header not padded to 8 bytes"
text = raw[8:8 + n].decode("utf-8")
assert text.rstrip(" ").endswith("}") and text.startswith("{")
header = json.loads(text)
metadata = header.pop("__metadata__", None)
data = raw[8 + n:]
kinds = {"F32": "<f4", "F64": "<f8", "I32": "<i4"}
start = 0
out = {"metadata": metadata, "keys": list(header.keys())}
for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
    begin, end = info["data_offsets"]
    assert begin == start, f"{name} does not start where the previous tensor ends"
    dtype = np.dtype(kinds[info["dtype"]])
    assert begin % dtype.itemsize == 0, f"{name} is not aligned"
    count = int(np.prod(info["shape"], dtype=np.int64))
    assert end - begin == count * dtype.itemsize, f"{name} size mismatch"
    out[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"]).tolist()
    start = end
assert start == len(data), "data section not fully covered"
print(json.dumps(out))
`;
    const read = JSON.parse(runPython(script, path)) as Record<string, unknown>;
    expect(read.metadata).toEqual({ framework: 'nanograd' });
    expect(read.keys).toEqual(['weight', 'running', 'steps']);
    expect((read.weight as number[][]).flat()).toEqual(expected.weight);
    expect(read.running).toEqual(expected.running);
    expect(read.steps).toBe(expected.steps);
  });
});
