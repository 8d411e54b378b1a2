// TensorFlow.js runner (`--backend cpu|wasm`; the pure-JS cpu backend, never tfjs-node), one JSON line on stdout.
// Usage: tsx src/run-tfjs.ts <workload> --backend cpu|wasm [--quick]

import * as tf from '@tensorflow/tfjs';
import { integersI32, normalF32 } from './internal/data';
import { runAndReport, runnerArgs } from './internal/measure';
import { CNN, GEMM_SHAPES, GPT, LEARNING_RATE, MLP, parseWorkload } from './internal/workloads';
import type { WorkloadName } from './internal/workloads';

type Forward = () => tf.Tensor;

let seed = 100;
/** A trainable weight with PyTorch-like fan-in scaling. */
function weight(shape: number[], fanIn: number): tf.Variable {
  return tf.variable(tf.randomNormal(shape, 0, 1 / Math.sqrt(fanIn), 'float32', seed++));
}
function constant(shape: number[], value: number): tf.Variable {
  return tf.variable(tf.fill(shape, value));
}

function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, classes: number): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, classes), tf.logSoftmax(logits)), -1)));
}

/** Training-mode batch norm over every axis but the last (channels-last layout). */
function batchNorm(x: tf.Tensor, gamma: tf.Variable, beta: tf.Variable, axes: number[]): tf.Tensor {
  const { mean, variance } = tf.moments(x, axes, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

function layerNorm(x: tf.Tensor, gamma: tf.Variable, beta: tf.Variable): tf.Tensor {
  return batchNorm(x, gamma, beta, [x.rank - 1]);
}

/** GELU, tanh approximation (tfjs has no erf-exact GELU op). */
function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable | null): tf.Tensor2D {
  const y = tf.matMul(x, w as tf.Tensor2D) as tf.Tensor2D;
  return b === null ? y : (tf.add(y, b) as tf.Tensor2D);
}

function mlp(): Forward {
  const [d0, d1, d2, d3] = MLP.sizes;
  const layers = [[d0, d1], [d1, d2], [d2, d3]].map(([i, o]) => ({ w: weight([i as number, o as number], i as number), b: constant([o as number], 0) }));
  const x = tf.tensor2d(normalF32(MLP.batch * d0, 1), [MLP.batch, d0]);
  const labels = tf.tensor1d(integersI32(MLP.batch, d3, 2), 'int32');
  return () => {
    let h: tf.Tensor2D = x;
    layers.forEach(({ w, b }, index) => {
      h = dense(h, w, b);
      if (index < layers.length - 1) h = tf.relu(h);
    });
    return crossEntropy(h, labels, d3);
  };
}

function cnn(): Forward {
  const [c0, c1, c2] = CNN.channels;
  const conv1 = weight([3, 3, c0, c1], 9 * c0);
  const bias1 = constant([c1], 0);
  const gamma1 = constant([c1], 1);
  const beta1 = constant([c1], 0);
  const conv2 = weight([3, 3, c1, c2], 9 * c1);
  const bias2 = constant([c2], 0);
  const gamma2 = constant([c2], 1);
  const beta2 = constant([c2], 0);
  const flat = c2 * (CNN.image / 4) ** 2;
  const linear = weight([flat, CNN.classes], flat);
  const linearBias = constant([CNN.classes], 0);
  // Channels-last (NHWC): the only conv layout tfjs' cpu and wasm kernels support; the arithmetic is the same.
  const x = tf.tensor4d(normalF32(CNN.batch * c0 * CNN.image ** 2, 1), [CNN.batch, CNN.image, CNN.image, c0]);
  const labels = tf.tensor1d(integersI32(CNN.batch, CNN.classes, 2), 'int32');
  return () => {
    let h: tf.Tensor4D = tf.add(tf.conv2d(x, conv1 as tf.Tensor4D, 1, 'same'), bias1);
    h = tf.maxPool(tf.relu(batchNorm(h, gamma1, beta1, [0, 1, 2])) as tf.Tensor4D, 2, 2, 'valid');
    h = tf.add(tf.conv2d(h, conv2 as tf.Tensor4D, 1, 'same'), bias2);
    h = tf.maxPool(tf.relu(batchNorm(h, gamma2, beta2, [0, 1, 2])) as tf.Tensor4D, 2, 2, 'valid');
    return crossEntropy(dense(tf.reshape(h, [CNN.batch, flat]), linear, linearBias), labels, CNN.classes);
  };
}

function gpt(useGather: boolean): Forward {
  const { vocab, block, embed, heads, layers, batch, mlpRatio } = GPT;
  const headDim = embed / heads;
  const hidden = embed * mlpRatio;
  const tokenEmbedding = weight([vocab, embed], 1);
  const positionEmbedding = weight([block, embed], 1);
  const blocks = Array.from({ length: layers }, () => ({
    ln1: [constant([embed], 1), constant([embed], 0)] as const,
    qkvo: Array.from({ length: 4 }, () => [weight([embed, embed], embed), constant([embed], 0)] as const),
    ln2: [constant([embed], 1), constant([embed], 0)] as const,
    expand: [weight([embed, hidden], embed), constant([hidden], 0)] as const,
    project: [weight([hidden, embed], hidden), constant([embed], 0)] as const,
  }));
  const finalNorm = [constant([embed], 1), constant([embed], 0)] as const;
  const head = weight([embed, vocab], embed);
  const tokens = integersI32(batch * (block + 1), vocab, 1);
  const inputs = new Int32Array(batch * block);
  const targets = new Int32Array(batch * block);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < block; t++) {
      inputs[b * block + t] = tokens[b * (block + 1) + t] as number;
      targets[b * block + t] = tokens[b * (block + 1) + t + 1] as number;
    }
  }
  const indices = tf.tensor1d(inputs, 'int32');
  const labels = tf.tensor1d(targets, 'int32');
  const positions = tf.tile(tf.range(0, block, 1, 'int32'), [batch]);
  // Causal mask: −1e9 above the diagonal.
  const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([block, block]), -1, 0)), -1e9);
  const rows = batch * block;
  const splitHeads = (x: tf.Tensor2D): tf.Tensor4D => tf.transpose(tf.reshape(x, [batch, block, heads, headDim]), [0, 2, 1, 3]);
  // tfjs-wasm has no UnsortedSegmentSum (the gradient of gather): there the lookup is a one-hot matmul.
  const lookup = (table: tf.Variable, ids: tf.Tensor1D, size: number): tf.Tensor2D =>
    useGather ? tf.gather<tf.Tensor2D>(table as tf.Tensor2D, ids) : tf.matMul(tf.oneHot(ids, size, 1, 0, 'float32'), table as tf.Tensor2D);
  return () => {
    let x: tf.Tensor2D = tf.add(lookup(tokenEmbedding, indices, vocab), lookup(positionEmbedding, positions, block));
    for (const layer of blocks) {
      const h = layerNorm(x, ...layer.ln1) as tf.Tensor2D;
      const [q, k, v] = layer.qkvo.slice(0, 3).map(([w, b]) => splitHeads(dense(h, w, b)));
      const scores = tf.add(tf.mul(tf.matMul(q as tf.Tensor4D, k as tf.Tensor4D, false, true), 1 / Math.sqrt(headDim)), mask);
      const attended = tf.matMul(tf.softmax(scores), v as tf.Tensor4D);
      const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [rows, embed]) as tf.Tensor2D;
      const [wo, bo] = layer.qkvo[3] as readonly [tf.Variable, tf.Variable];
      x = tf.add(x, dense(merged, wo, bo));
      const h2 = layerNorm(x, ...layer.ln2) as tf.Tensor2D;
      x = tf.add(x, dense(gelu(dense(h2, ...layer.expand)) as tf.Tensor2D, ...layer.project));
    }
    const logits = dense(layerNorm(x, ...finalNorm) as tf.Tensor2D, head, null);
    return crossEntropy(logits, labels, vocab);
  };
}

function setup(workload: WorkloadName): () => void {
  if (workload === 'gemm128' || workload === 'gemm512') {
    const [m, k, n] = GEMM_SHAPES[workload];
    const a = tf.tensor2d(normalF32(m * k, 1), [m, k]);
    const b = tf.tensor2d(normalF32(k * n, 2), [k, n]);
    return () => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    };
  }
  const forward = workload === 'mlp' ? mlp() : workload === 'cnn' ? cnn() : gpt(tf.getBackend() !== 'wasm');
  const optimizer = tf.train.adam(LEARNING_RATE);
  return () => {
    const loss = optimizer.minimize(forward as () => tf.Scalar, true);
    if (loss === null) throw new Error('tfjs: minimize returned no loss');
    loss.dataSync();
    loss.dispose();
  };
}

const args = runnerArgs(process.argv.slice(2));
const backend = args.backend ?? 'cpu';
const workload = parseWorkload(args.workload);
await runAndReport(
  { library: 'tfjs', backend, workload },
  async () => {
    if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    else if (backend !== 'cpu') throw new Error(`unknown tfjs backend '${backend}' (cpu or wasm)`);
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs: backend '${backend}' failed to initialise`);
    await tf.ready();
    const notes: string[] = [];
    if (backend === 'wasm') notes.push(`simd ${String(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'))}`);
    if (backend === 'wasm' && workload === 'gpt') notes.push('embedding as one-hot matmul (no UnsortedSegmentSum kernel)');
    return { step: setup(workload), note: notes.join('; ') };
  },
  args.quick,
);
