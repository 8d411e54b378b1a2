// jax-js runner (its default `wasm` device), one JSON line on stdout. Each training step is one jit-compiled
// function: value-and-grad of the loss, then a hand-written Adam update (jax-js has no optimizer in its core package).
// Usage: tsx src/run-jax.ts <workload> [--quick]

import { init, jit, lax, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import { integersI32, normalF32 } from './internal/data';
import { runAndReport, runnerArgs } from './internal/measure';
import { CNN, GEMM_SHAPES, GPT, LEARNING_RATE, MLP, parseWorkload } from './internal/workloads';
import type { WorkloadName } from './internal/workloads';

type Params = Record<string, np.Array>;
type Loss = (params: Params, x: np.Array, labels: np.Array) => np.Array;

let seed = 100;
function weight(shape: number[], fanIn: number): np.Array {
  const size = shape.reduce((a, b) => a * b, 1);
  return np.array(normalF32(size, seed++, 1 / Math.sqrt(fanIn))).reshape(shape);
}
function constant(shape: number[], value: number): np.Array {
  return np.full(shape, value, { dtype: np.float32 });
}

/** Mean cross-entropy of logits `[rows, C]` against one-hot labels `[rows, C]`. */
function crossEntropy(logits: np.Array, oneHotLabels: np.Array, rows: number): np.Array {
  return nn.logSoftmax(logits, -1).mul(oneHotLabels).sum().mul(-1 / rows);
}

function oneHot(labels: Int32Array, classes: number): np.Array {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, row) => {
    out[row * classes + label] = 1;
  });
  return np.array(out).reshape([labels.length, classes]);
}

/** Training-mode batch norm over `axes`; `gamma`/`beta` already broadcastable. */
function normalize(x: np.Array, axes: number[], gamma: np.Array, beta: np.Array): np.Array {
  return nn.standardize(x, axes, { epsilon: 1e-5 }).mul(gamma).add(beta);
}

function mlp(): { params: Params; loss: Loss; x: np.Array; labels: np.Array } {
  const [d0, d1, d2, d3] = MLP.sizes;
  const params: Params = {
    w1: weight([d0, d1], d0), b1: constant([d1], 0),
    w2: weight([d1, d2], d1), b2: constant([d2], 0),
    w3: weight([d2, d3], d2), b3: constant([d3], 0),
  };
  const loss: Loss = (p, x, labels) => {
    let h = nn.relu(np.matmul(x, p.w1 as np.Array).add(p.b1 as np.Array));
    h = nn.relu(np.matmul(h, p.w2 as np.Array).add(p.b2 as np.Array));
    return crossEntropy(np.matmul(h, p.w3 as np.Array).add(p.b3 as np.Array), labels, MLP.batch);
  };
  return { params, loss, x: np.array(normalF32(MLP.batch * d0, 1)).reshape([MLP.batch, d0]), labels: oneHot(integersI32(MLP.batch, d3, 2), d3) };
}

function cnn(): { params: Params; loss: Loss; x: np.Array; labels: np.Array } {
  const [c0, c1, c2] = CNN.channels;
  const side = CNN.image;
  const flat = c2 * (side / 4) ** 2;
  const params: Params = {
    conv1: weight([c1, c0, 3, 3], 9 * c0), bias1: constant([1, c1, 1, 1], 0), gamma1: constant([1, c1, 1, 1], 1), beta1: constant([1, c1, 1, 1], 0),
    conv2: weight([c2, c1, 3, 3], 9 * c1), bias2: constant([1, c2, 1, 1], 0), gamma2: constant([1, c2, 1, 1], 1), beta2: constant([1, c2, 1, 1], 0),
    linear: weight([flat, CNN.classes], flat), linearBias: constant([CNN.classes], 0),
  };
  // 2×2 max pooling as a reshape and a max over the two window axes.
  const pool = (x: np.Array, channels: number, size: number): np.Array => np.max(x.reshape([CNN.batch, channels, size / 2, 2, size / 2, 2]), [3, 5]);
  const loss: Loss = (p, x, labels) => {
    let h = lax.conv(x, p.conv1 as np.Array, [1, 1], [[1, 1], [1, 1]]).add(p.bias1 as np.Array);
    h = pool(nn.relu(normalize(h, [0, 2, 3], p.gamma1 as np.Array, p.beta1 as np.Array)), c1, side);
    h = lax.conv(h, p.conv2 as np.Array, [1, 1], [[1, 1], [1, 1]]).add(p.bias2 as np.Array);
    h = pool(nn.relu(normalize(h, [0, 2, 3], p.gamma2 as np.Array, p.beta2 as np.Array)), c2, side / 2);
    return crossEntropy(np.matmul(h.reshape([CNN.batch, flat]), p.linear as np.Array).add(p.linearBias as np.Array), labels, CNN.batch);
  };
  const x = np.array(normalF32(CNN.batch * c0 * side ** 2, 1)).reshape([CNN.batch, c0, side, side]);
  return { params, loss, x, labels: oneHot(integersI32(CNN.batch, CNN.classes, 2), CNN.classes) };
}

function gpt(): { params: Params; loss: Loss; x: np.Array; labels: np.Array } {
  const { vocab, block, embed, heads, layers, batch, mlpRatio } = GPT;
  const hidden = embed * mlpRatio;
  const rows = batch * block;
  const params: Params = { tokenEmbedding: weight([vocab, embed], 1), positionEmbedding: weight([block, embed], 1) };
  for (let l = 0; l < layers; l++) {
    for (const name of ['ln1', 'ln2']) Object.assign(params, { [`${name}g${l}`]: constant([embed], 1), [`${name}b${l}`]: constant([embed], 0) });
    for (const name of ['q', 'k', 'v', 'o']) Object.assign(params, { [`w${name}${l}`]: weight([embed, embed], embed), [`b${name}${l}`]: constant([embed], 0) });
    Object.assign(params, { [`expand${l}`]: weight([embed, hidden], embed), [`expandBias${l}`]: constant([hidden], 0) });
    Object.assign(params, { [`project${l}`]: weight([hidden, embed], hidden), [`projectBias${l}`]: constant([embed], 0) });
  }
  Object.assign(params, { finalG: constant([embed], 1), finalB: constant([embed], 0), head: weight([embed, vocab], embed) });
  const tokens = integersI32(batch * (block + 1), vocab, 1);
  const inputs = new Int32Array(rows);
  const targets = new Int32Array(rows);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < block; t++) {
      inputs[b * block + t] = tokens[b * (block + 1) + t] as number;
      targets[b * block + t] = tokens[b * (block + 1) + t + 1] as number;
    }
  }
  const headDim = embed / heads;
  // Additive causal mask: 0 on and below the diagonal, −1e9 above.
  const causalBias = (): np.Array => np.tri(block, block, 0, { dtype: np.float32 }).sub(1).mul(1e9);
  const get = (p: Params, name: string): np.Array => p[name] as np.Array;
  const dense = (x: np.Array, p: Params, w: string, b: string): np.Array => np.matmul(x, get(p, w)).add(get(p, b));
  const loss: Loss = (p, x, labels) => {
    // Embedding lookup as a one-hot matmul: the token ids arrive as a one-hot [rows, vocab] input.
    let h = np.matmul(x, get(p, 'tokenEmbedding')).reshape([batch, block, embed]).add(get(p, 'positionEmbedding')).reshape([rows, embed]);
    for (let l = 0; l < layers; l++) {
      const n1 = normalize(h.ref, [-1], get(p, `ln1g${l}`), get(p, `ln1b${l}`));
      // Heads first: [B, H, T, D]. nn.dotProductAttention needs iterator helpers (Node 22+), so attention is spelled out.
      const [q, k, v] = ['q', 'k', 'v'].map((name) =>
        np.transpose(dense(name === 'v' ? n1 : n1.ref, p, `w${name}${l}`, `b${name}${l}`).reshape([batch, block, heads, headDim]), [0, 2, 1, 3]),
      );
      const scores = np.matmul(q as np.Array, np.swapaxes(k as np.Array, -1, -2)).mul(1 / Math.sqrt(headDim)).add(causalBias());
      const attended = np.transpose(np.matmul(nn.softmax(scores, -1), v as np.Array), [0, 2, 1, 3]).reshape([rows, embed]);
      h = h.add(dense(attended, p, `wo${l}`, `bo${l}`));
      const n2 = normalize(h.ref, [-1], get(p, `ln2g${l}`), get(p, `ln2b${l}`));
      h = h.add(dense(nn.gelu(dense(n2, p, `expand${l}`, `expandBias${l}`)), p, `project${l}`, `projectBias${l}`));
    }
    const logits = np.matmul(normalize(h, [-1], get(p, 'finalG'), get(p, 'finalB')), get(p, 'head'));
    return crossEntropy(logits, labels, rows);
  };
  return { params, loss, x: oneHot(inputs, vocab), labels: oneHot(targets, vocab) };
}

function trainingStep({ params, loss, x, labels }: { params: Params; loss: Loss; x: np.Array; labels: np.Array }): () => Promise<void> {
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;
  const update = jit((p: Params, m: Params, v: Params, stepSize: np.Array, correction2: np.Array, input: np.Array, target: np.Array) => {
    const [value, grads] = valueAndGrad(loss)(tree.ref(p), input, target);
    const g = grads as Params;
    const names = Object.keys(p);
    const nextM: Params = {};
    const nextV: Params = {};
    const nextP: Params = {};
    for (const name of names) {
      const grad = g[name] as np.Array;
      const m1 = (m[name] as np.Array).mul(beta1).add(grad.ref.mul(1 - beta1));
      const v1 = (v[name] as np.Array).mul(beta2).add(grad.ref.mul(grad).mul(1 - beta2));
      nextP[name] = (p[name] as np.Array).sub(m1.ref.mul(stepSize.ref).div(np.sqrt(v1.ref.div(correction2.ref)).add(epsilon)));
      nextM[name] = m1;
      nextV[name] = v1;
    }
    stepSize.dispose();
    correction2.dispose();
    return [value, nextP, nextM, nextV];
  });
  let p = params;
  let m: Params = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, np.zerosLike(value.ref)]));
  let v: Params = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, np.zerosLike(value.ref)]));
  let t = 0;
  return async () => {
    t += 1;
    const stepSize = np.array([LEARNING_RATE / (1 - beta1 ** t)]).reshape([]);
    const correction2 = np.array([1 - beta2 ** t]).reshape([]);
    const [value, nextP, nextM, nextV] = update(p, m, v, stepSize, correction2, x.ref, labels.ref) as [np.Array, Params, Params, Params];
    p = nextP;
    m = nextM;
    v = nextV;
    // Reading the loss forces the whole lazy step to run.
    await value.data();
  };
}

function setup(workload: WorkloadName): () => Promise<void> {
  if (workload === 'gemm128' || workload === 'gemm512') {
    const [mm, k, n] = GEMM_SHAPES[workload];
    const a = np.array(normalF32(mm * k, 1)).reshape([mm, k]);
    const b = np.array(normalF32(k * n, 2)).reshape([k, n]);
    return async () => {
      await np.matmul(a.ref, b.ref).data();
    };
  }
  return trainingStep(workload === 'mlp' ? mlp() : workload === 'cnn' ? cnn() : gpt());
}

const args = runnerArgs(process.argv.slice(2));
const workload = parseWorkload(args.workload);
await runAndReport(
  { library: 'jax-js', backend: 'wasm', workload },
  async () => {
    const devices = await init('wasm');
    if (!devices.includes('wasm')) throw new Error(`jax-js: the wasm device did not start (got ${devices.join(', ')})`);
    // jax-js spreads wasm kernels over Web Workers only when both SharedArrayBuffer and a global Worker exist.
    const threads = typeof SharedArrayBuffer === 'function' && 'Worker' in globalThis ? 'multi-threaded (Web Workers)' : 'single-threaded (no global Worker)';
    return { step: setup(workload), note: workload === 'gpt' ? `${threads}; embedding as one-hot matmul, attention spelled out` : threads };
  },
  args.quick,
);
