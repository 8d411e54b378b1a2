// Shared fixtures for the optimizer tests: seeded data, gradient sequences, resume checks and two convex problems.
import { bceWithLogits, matmul, mul, noGrad, sub, sum, tensor, tensor32, tensor64 } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import type { Optimizer, OptimizerOptions } from '../optimizer';
import type { LRScheduler } from '../schedule/lr-scheduler';

/** Any optimizer, whatever its options. */
export type AnyOptimizer = Optimizer<OptimizerOptions>;

/** A seeded uniform generator on [0, 1) (mulberry32), so test data never depends on Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` values uniform in [-scale, scale). */
export function randomValues(random: () => number, length: number, scale = 1): number[] {
  return Array.from({ length }, () => (2 * random() - 1) * scale);
}

/** Parameter sizes used by the formula tests: a matrix-like and a bias-like tensor. */
export const sizes: readonly number[] = [6, 3];

/** Fixed initial values and per-step gradients for the formula tests. */
export interface GradientSequence {
  readonly initial: number[][];
  /** `grads[step][param]`. */
  readonly grads: number[][][];
}

/** Builds a reproducible gradient sequence for `steps` steps. */
export function gradientSequence(steps: number, seed = 1): GradientSequence {
  const random = seededRandom(seed);
  return {
    initial: sizes.map((size) => randomValues(random, size)),
    grads: Array.from({ length: steps }, () => sizes.map((size) => randomValues(random, size, 2))),
  };
}

/** Creates leaf parameters with the given values. */
export function makeParams(values: readonly number[][], dtype: 'f32' | 'f64'): Tensor[] {
  return values.map((row) => (dtype === 'f64' ? tensor64(row, [row.length], { requiresGrad: true }) : tensor32(row, [row.length], { requiresGrad: true })));
}

/** Hyperparameters of the reference Adam/AdamW below. */
export interface AdamReferenceOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/**
 * PyTorch's Adam (`decoupled` false: L2 decay in the gradient) or AdamW (`decoupled` true: θ ← θ(1 − γλ) first) in
 * float64 on plain arrays, AMSGrad as the running maximum of v.
 */
export function referenceAdam(initial: number[][], grads: number[][][], o: AdamReferenceOptions, decoupled: boolean): number[][] {
  const theta = initial.map((row) => [...row]);
  const m = theta.map((row) => row.map(() => 0));
  const v = theta.map((row) => row.map(() => 0));
  const vMax = theta.map((row) => row.map(() => 0));
  grads.forEach((stepGrads, step) => {
    const t = step + 1;
    theta.forEach((param, p) => {
      param.forEach((value, i) => {
        const start = decoupled ? value * (1 - o.learningRate * o.weightDecay) : value;
        const raw = o.maximize ? -stepGrads[p]![i]! : stepGrads[p]![i]!;
        const g = decoupled ? raw : raw + o.weightDecay * value;
        m[p]![i] = o.beta1 * m[p]![i]! + (1 - o.beta1) * g;
        v[p]![i] = o.beta2 * v[p]![i]! + (1 - o.beta2) * g * g;
        vMax[p]![i] = Math.max(vMax[p]![i]!, v[p]![i]!);
        const mHat = m[p]![i]! / (1 - o.beta1 ** t);
        const vHat = (o.amsgrad ? vMax[p]![i]! : v[p]![i]!) / (1 - o.beta2 ** t);
        param[i] = start - (o.learningRate * mHat) / (Math.sqrt(vHat) + o.epsilon);
      });
    });
  });
  return theta;
}

/** Runs steps `from..to-1` of a gradient sequence through an optimizer, setting each `.grad` directly. */
export function runSequence(optimizer: AnyOptimizer, params: readonly Tensor[], sequence: GradientSequence, from: number, to: number, scheduler?: LRScheduler): void {
  for (let step = from; step < to; step++) {
    params.forEach((param, index) => {
      param.grad = tensor(sequence.grads[step]![index]!, { dtype: param.dtype });
    });
    optimizer.step();
    scheduler?.step();
  }
}

/** The elements of each parameter as plain numbers. */
export function valuesOf(params: readonly Tensor[]): number[][] {
  return params.map((param) => Array.from(param.data));
}

/** Cartesian product of option values, as a list of option objects. */
export function cartesian<T extends Record<string, readonly unknown[]>>(space: T): { [K in keyof T]: T[K][number] }[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(space)) {
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value })));
  }
  return combos as { [K in keyof T]: T[K][number] }[];
}

/**
 * Runs `total` steps uninterrupted, and `k` steps then a JSON round trip of the state dict into a fresh optimizer
 * over fresh parameters with the same values, then the remaining steps; returns both final parameter values.
 */
export function resumeRun(make: (params: Tensor[]) => AnyOptimizer, dtype: 'f32' | 'f64', k: number, total: number): { uninterrupted: number[][]; resumed: number[][] } {
  const sequence = gradientSequence(total, 7);
  const straight = makeParams(sequence.initial, dtype);
  runSequence(make(straight), straight, sequence, 0, total);
  const first = makeParams(sequence.initial, dtype);
  const before = make(first);
  runSequence(before, first, sequence, 0, k);
  const saved = JSON.parse(JSON.stringify(before.stateDict()));
  const second = makeParams(valuesOf(first), dtype);
  const after = make(second);
  after.loadStateDict(saved);
  runSequence(after, second, sequence, k, total);
  return { uninterrupted: valuesOf(straight), resumed: valuesOf(second) };
}

/** Solves `A x = b` by Gaussian elimination with partial pivoting (float64). */
export function solve(matrix: readonly number[][], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let value = a[row]![n]!;
    for (let k = row + 1; k < n; k++) value -= a[row]![k]! * x[k]!;
    x[row] = value / a[row]![row]!;
  }
  return x;
}

/** The quadratic ½xᵀAx − bᵀx with a fixed SPD A (condition number about 10). */
export const quadratic: { readonly a: number[][]; readonly b: number[] } = {
  a: [
    [4, 1, 0.5],
    [1, 3, 0.2],
    [0.5, 0.2, 0.6],
  ],
  b: [1, -2, 0.5],
};

/** Minimises the quadratic plus `l2/2 · |x|²` with the optimizer from `make`; returns the final x. */
export function minimiseQuadratic(make: (params: Tensor[]) => { optimizer: AnyOptimizer; scheduler?: LRScheduler }, steps: number): number[] {
  const x = tensor64([0, 0, 0], [3, 1], { requiresGrad: true });
  const a = tensor64(quadratic.a.flat(), [3, 3]);
  const b = tensor64(quadratic.b, [3, 1]);
  const { optimizer, scheduler } = make([x]);
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    const loss = sub(mul(0.5, sum(mul(x, matmul(a, x)))), sum(mul(b, x)));
    loss.backward();
    optimizer.step();
    scheduler?.step();
  }
  return Array.from(x.data);
}

/** A seeded, noisy (not separable) logistic-regression data set: 64 points, 2 features and a bias column. */
export function logisticData(): { features: number[][]; labels: number[] } {
  const random = seededRandom(42);
  const features: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 64; i++) {
    const row = [2 * random() - 1, 2 * random() - 1, 1];
    features.push(row);
    const logit = 2 * row[0]! - 3 * row[1]! + 0.5;
    labels.push(random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
  }
  return { features, labels };
}

/** The L2 coefficient that keeps the logistic optimum finite and the problem strongly convex. */
export const logisticL2 = 1e-2;

/** Mean logistic loss plus `logisticL2/2 · |w|²`, in float64 autograd. */
export function logisticLoss(w: Tensor, data: { features: number[][]; labels: number[] }): Tensor {
  const x = tensor64(data.features.flat(), [data.features.length, 3]);
  const y = tensor64(data.labels, [data.labels.length, 1]);
  const logits = matmul(x, w);
  return sum([bceWithLogits(logits, y), mul(0.5 * logisticL2, sum(mul(w, w)))].reduce((total, term) => total.add(term)));
}

/** The logistic optimum by Newton's method in plain float64. */
export function logisticOptimum(data: { features: number[][]; labels: number[] }): number[] {
  let w = [0, 0, 0];
  const n = data.labels.length;
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = w.map((value) => logisticL2 * value);
    const hessian = w.map((_, i) => w.map((__, j) => (i === j ? logisticL2 : 0)));
    data.features.forEach((row, k) => {
      const z = row.reduce((total, value, i) => total + value * w[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      row.forEach((value, i) => {
        gradient[i]! += ((p - data.labels[k]!) * value) / n;
        row.forEach((other, j) => {
          hessian[i]![j]! += (p * (1 - p) * value * other) / n;
        });
      });
    });
    const delta = solve(hessian, gradient);
    w = w.map((value, i) => value - delta[i]!);
  }
  return w;
}

/** Minimises the logistic loss with the optimizer from `make`; returns the final weights and gradient norm. */
export function minimiseLogistic(make: (params: Tensor[]) => { optimizer: AnyOptimizer; scheduler?: LRScheduler }, steps: number): { w: number[]; gradNorm: number } {
  const data = logisticData();
  const w = tensor64([0, 0, 0], [3, 1], { requiresGrad: true });
  const { optimizer, scheduler } = make([w]);
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    logisticLoss(w, data).backward();
    optimizer.step();
    scheduler?.step();
  }
  optimizer.zeroGrad();
  logisticLoss(w, data).backward();
  const gradNorm = noGrad(() => Math.hypot(...Array.from(w.grad!.data)));
  return { w: Array.from(w.data), gradNorm };
}
