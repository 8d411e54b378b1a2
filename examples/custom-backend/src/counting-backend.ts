// A backend that wraps another one: it delegates every call and records calls, elements written and time per kernel.
import type { Backend, DeviceBuffer, Kernels, View } from '@nanograd/kernels';

/** Per-entry statistics: how often it was called, how many output elements it wrote, how long it took. */
export interface CallStatistics {
  calls: number;
  elements: number;
  milliseconds: number;
}

/** A wrapped backend plus the statistics it gathers. */
export interface CountingBackend<B extends DeviceBuffer = DeviceBuffer> extends Backend<B> {
  /** Keyed by kernel (`matmul`), by kernel and op (`unary.exp`), and by memory call (`alloc`). */
  readonly statistics: Map<string, CallStatistics>;
  /** Clears the statistics. */
  reset(): void;
}

const elementsOf = (view: View): number => view.shape.reduce((product, extent) => product * extent, 1);

/**
 * Wraps `inner`: buffers stay `inner`'s (its kernels recognise them), every call is forwarded unchanged, so results
 * are bit-for-bit those of `inner`.
 */
export function createCountingBackend<B extends DeviceBuffer>(inner: Backend<B>): CountingBackend<B> {
  const statistics = new Map<string, CallStatistics>();
  const record = <T>(key: string, elements: number, run: () => T): T => {
    const start = performance.now();
    const result = run();
    const entry = statistics.get(key) ?? { calls: 0, elements: 0, milliseconds: 0 };
    entry.calls += 1;
    entry.elements += elements;
    entry.milliseconds += performance.now() - start;
    statistics.set(key, entry);
    return result;
  };
  const k = inner.kernels;
  // Written out kernel by kernel: `Kernels<B>` requires each one, so a kernel added to the catalogue later is a
  // compile error here until it is forwarded too.
  const kernels: Kernels<B> = {
    fill: (out, value) => record('fill', elementsOf(out), () => k.fill(out, value)),
    copy: (x, out) => record('copy', elementsOf(out), () => k.copy(x, out)),
    unary: (op, x, out) => record(`unary.${op}`, elementsOf(out), () => k.unary(op, x, out)),
    binary: (op, a, b, out) => record(`binary.${op}`, elementsOf(out), () => k.binary(op, a, b, out)),
    where: (condition, a, b, out) => record('where', elementsOf(out), () => k.where(condition, a, b, out)),
    reduce: (op, x, axes, out) => record(`reduce.${op}`, elementsOf(out), () => k.reduce(op, x, axes, out)),
    argReduce: (op, x, axis, out) => record(`argReduce.${op}`, elementsOf(out), () => k.argReduce(op, x, axis, out)),
    matmul: (a, b, out) => record('matmul', elementsOf(out), () => k.matmul(a, b, out)),
    gather: (x, index, axis, out) => record('gather', elementsOf(out), () => k.gather(x, index, axis, out)),
    scatterAdd: (updates, index, axis, out) => record('scatterAdd', elementsOf(out), () => k.scatterAdd(updates, index, axis, out)),
    im2col: (x, geometry, out, padValue) => record('im2col', elementsOf(out), () => k.im2col(x, geometry, out, padValue)),
    col2im: (columns, geometry, out) => record('col2im', elementsOf(out), () => k.col2im(columns, geometry, out)),
    maxPoolIndex: (x, geometry, out) => record('maxPoolIndex', elementsOf(out), () => k.maxPoolIndex(x, geometry, out)),
    adamStep: (param, grad, expAvg, expAvgSq, maxExpAvgSq, parameters) =>
      record('adamStep', elementsOf(param), () => k.adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq, parameters)),
    normalizeForward: (x, epsilon, weight, bias, out, normalized, mean, variance, inverseStd) =>
      record('normalizeForward', elementsOf(out), () => k.normalizeForward(x, epsilon, weight, bias, out, normalized, mean, variance, inverseStd)),
    normalizeBackward: (grad, normalized, scale, out, gradSum, gradNormalizedSum) =>
      record('normalizeBackward', elementsOf(out), () => k.normalizeBackward(grad, normalized, scale, out, gradSum, gradNormalizedSum)),
  };
  return {
    name: `counting(${inner.name})`,
    alloc: (dtype, size) => record('alloc', size, () => inner.alloc(dtype, size)),
    write: (target, source, targetOffset) => record('write', source.length, () => inner.write(target, source, targetOffset)),
    view: (buffer) => record('view', 0, () => inner.view(buffer)),
    read: (buffer) => record('read', buffer.size, () => inner.read(buffer)),
    free: (buffer) => record('free', 0, () => inner.free(buffer)),
    kernels,
    statistics,
    reset: () => statistics.clear(),
  };
}

/** The statistics as a markdown table, most-called first; memory calls after the kernels. */
export function formatStatistics(statistics: ReadonlyMap<string, CallStatistics>): string {
  const memory = new Set(['alloc', 'write', 'view', 'read', 'free']);
  const rows = [...statistics].sort(([a, x], [b, y]) => Number(memory.has(a)) - Number(memory.has(b)) || y.calls - x.calls || a.localeCompare(b));
  const lines = ['| call | calls | elements | ms |', '|:--|--:|--:|--:|'];
  for (const [key, { calls, elements, milliseconds }] of rows) lines.push(`| ${key} | ${calls} | ${elements} | ${milliseconds.toFixed(2)} |`);
  return lines.join('\n');
}
