import { describe, expect, it } from 'vitest';
import { tensor } from '../create';
import { add } from '../ops/elementwise/add';
import { mul } from '../ops/elementwise/mul';
import { exp } from '../ops/elementwise/exp';
import { sum } from '../ops/reduce/sum';
import { transpose } from '../ops/linalg/transpose';
import type { Tensor } from '../tensor';
import { checkGradientHealth } from './check-gradient-health';
import { gradNorm } from './grad-norm';
import { GradientMonitor } from './gradient-monitor';
import { toDot } from './to-dot';

// A leaf with a hand-set gradient.
function withGrad(values: number[], dtype: 'f32' | 'f64' = 'f64'): Tensor {
  const t = tensor(values, { dtype, requiresGrad: true });
  t.grad = tensor(values, { dtype });
  return t;
}

describe('gradNorm', () => {
  it('is the Euclidean norm over all gradients, skipping tensors without one', () => {
    const a = withGrad([3, 4]);
    const b = withGrad([12]);
    const none = tensor([100], { requiresGrad: true });
    expect(gradNorm([a, b, none])).toBeCloseTo(13, 12);
    expect(gradNorm([a])).toBe(5);
  });

  it('computes the infinity norm', () => {
    expect(gradNorm([withGrad([1, -7]), withGrad([2])], { type: 'inf' })).toBe(7);
  });

  it('flows from backward and reads strided gradients', () => {
    const w = tensor([3, 4], { requiresGrad: true });
    sum(mul(w, w)).backward();
    expect(gradNorm([w])).toBeCloseTo(10, 5);
    const v = tensor([[1, 2], [3, 4]], { dtype: 'f64', requiresGrad: true });
    v.grad = transpose(tensor([[1, 2], [3, 4]], { dtype: 'f64' }));
    expect(gradNorm([v])).toBeCloseTo(Math.sqrt(30), 12);
  });

  it('returns 0 without gradients, NaN with NaN, Infinity with Infinity', () => {
    expect(gradNorm([])).toBe(0);
    expect(gradNorm([tensor([1], { requiresGrad: true })])).toBe(0);
    expect(gradNorm([withGrad([1, NaN])])).toBeNaN();
    expect(gradNorm([withGrad([1, Infinity]), withGrad([2])])).toBe(Infinity);
    expect(gradNorm([withGrad([-Infinity])], { type: 'inf' })).toBe(Infinity);
  });

  it('accumulates in double precision without overflow', () => {
    expect(gradNorm([withGrad([3e200, 4e200])])).toBeCloseTo(5e200, -188);
    expect(gradNorm([withGrad([3e-200]), withGrad([4e-200])]) / 5e-200).toBeCloseTo(1, 12);
    // f32 squares of 1e20 overflow f32 but not f64.
    expect(gradNorm([withGrad([1e20, 1e20], 'f32')]) / (Math.SQRT2 * Math.fround(1e20))).toBeCloseTo(1, 12);
  });
});

describe('checkGradientHealth', () => {
  it('reports healthy gradients with a per-tensor breakdown', () => {
    const a = withGrad([3, 4]);
    const b = tensor([1], { requiresGrad: true });
    const health = checkGradientHealth([a, b], { names: new Map([[a, 'weight']]) });
    expect(health).toMatchObject({ norm: 5, hasNaN: false, hasInf: false, exploding: false, vanishing: false, healthy: true, problems: [] });
    expect(health.tensors).toEqual([
      { index: 0, name: 'weight', hasGrad: true, norm: 5, nanCount: 0, infCount: 0 },
      { index: 1, name: '#1', hasGrad: false, norm: 0, nanCount: 0, infCount: 0 },
    ]);
  });

  it('detects NaN and Inf per tensor', () => {
    const a = withGrad([1, NaN, NaN]);
    const b = withGrad([Infinity, 2]);
    const health = checkGradientHealth([a, b], { names: new Map([[b, 'bias']]) });
    expect(health.hasNaN).toBe(true);
    expect(health.hasInf).toBe(true);
    expect(health.healthy).toBe(false);
    expect(health.norm).toBeNaN();
    expect(health.tensors[0]).toMatchObject({ nanCount: 2, infCount: 0 });
    expect(health.tensors[1]).toMatchObject({ name: 'bias', nanCount: 0, infCount: 1, norm: Infinity });
    expect(health.problems).toEqual(['#0: 2 NaN gradient element(s)', 'bias: 1 infinite gradient element(s)']);
  });

  it('detects NaN produced by backward', () => {
    const x = tensor([1000], { requiresGrad: true });
    sum(mul(exp(x), 0)).backward(); // inf * 0 = NaN
    expect(checkGradientHealth([x]).hasNaN).toBe(true);
  });

  it('flags exploding and vanishing norms against the thresholds', () => {
    expect(checkGradientHealth([withGrad([2000])]).exploding).toBe(true);
    expect(checkGradientHealth([withGrad([20])], { explodingThreshold: 10 }).problems).toEqual(['exploding gradients: norm 20 > 10']);
    const tiny = checkGradientHealth([withGrad([1e-9])]);
    expect(tiny).toMatchObject({ vanishing: true, exploding: false, healthy: false });
    expect(checkGradientHealth([withGrad([1e-9])], { vanishingThreshold: 1e-10 }).healthy).toBe(true);
    expect(checkGradientHealth([withGrad([Infinity])]).exploding).toBe(true);
  });

  it('is unhealthy when no tensor has a gradient', () => {
    const health = checkGradientHealth([tensor([1])]);
    expect(health).toMatchObject({ norm: 0, vanishing: false, healthy: false, problems: ['no tensor has a gradient'] });
  });
});

describe('GradientMonitor', () => {
  it('records norms and summarises them', () => {
    const monitor = new GradientMonitor();
    expect(monitor.summary()).toEqual({ steps: 0, min: NaN, max: NaN, mean: NaN, last: NaN });
    expect(monitor.record([withGrad([3, 4])])).toBe(5);
    monitor.record([withGrad([1])]);
    monitor.record([withGrad([6])]);
    expect(monitor.history).toEqual([5, 1, 6]);
    expect(monitor.summary()).toEqual({ steps: 3, min: 1, max: 6, mean: 4, last: 6 });
    monitor.reset();
    expect(monitor.history).toEqual([]);
  });

  it('history is a copy', () => {
    const monitor = new GradientMonitor();
    monitor.record([withGrad([1])]);
    (monitor.history as number[]).push(99);
    expect(monitor.history).toEqual([1]);
  });

  it('flags explosion within the last k steps only', () => {
    const monitor = new GradientMonitor({ explodingThreshold: 10, window: 2 });
    expect(monitor.isExploding()).toBe(false);
    monitor.record([withGrad([50])]);
    expect(monitor.isExploding()).toBe(true);
    monitor.record([withGrad([1])]);
    monitor.record([withGrad([1])]);
    expect(monitor.isExploding()).toBe(false);
    expect(monitor.isExploding(3)).toBe(true);
    monitor.record([withGrad([NaN])]);
    expect(monitor.isExploding(1)).toBe(true);
  });

  it('flags vanishing only when all of the last k steps vanish', () => {
    const monitor = new GradientMonitor({ vanishingThreshold: 1e-3, window: 3 });
    monitor.record([withGrad([1])]);
    monitor.record([withGrad([1e-5])]);
    monitor.record([withGrad([1e-6])]);
    expect(monitor.isVanishing()).toBe(false);
    expect(monitor.isVanishing(2)).toBe(true);
    monitor.record([withGrad([1e-7])]);
    expect(monitor.isVanishing()).toBe(true);
    expect(monitor.isVanishing(10)).toBe(false);
  });

  it('uses the configured norm type and rejects bad windows', () => {
    expect(new GradientMonitor({ type: 'inf' }).record([withGrad([3, -4])])).toBe(4);
    expect(() => new GradientMonitor({ window: 0 })).toThrow(RangeError);
    expect(() => new GradientMonitor().isExploding(1.5)).toThrow('GradientMonitor: window must be a positive integer, got 1.5');
  });
});

interface ParsedDot {
  nodes: Map<string, string>;
  edges: [string, string][];
}

// Loose DOT parser: `id [..., label="..."...];` node lines and `a -> b;` edge lines.
function parseDot(dot: string): ParsedDot {
  const nodes = new Map<string, string>();
  const edges: [string, string][] = [];
  for (const line of dot.split('\n')) {
    const edge = /^\s*(\w+) -> (\w+);$/.exec(line);
    if (edge) edges.push([edge[1]!, edge[2]!]);
    const node = /^\s*(\w+) \[(.*)\];$/.exec(line);
    if (node) nodes.set(node[1]!, node[2]!);
  }
  return { nodes, edges };
}

function isAcyclic({ nodes, edges }: ParsedDot): boolean {
  const indegree = new Map([...nodes.keys()].map((id) => [id, 0]));
  for (const [, to] of edges) indegree.set(to, (indegree.get(to) ?? 0) + 1);
  const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  let seen = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    seen++;
    for (const [from, to] of edges) {
      if (from !== id) continue;
      const d = indegree.get(to)! - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  return seen === indegree.size;
}

describe('toDot', () => {
  it('draws tensors, ops and edges of a small graph', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([1, 2, 3]);
    const y = sum(add(mul(x, x), b));
    const dot = toDot(y, { names: new Map([[x, 'x'], [y, 'loss']]) });
    expect(dot.startsWith('digraph autograd {')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    const parsed = parseDot(dot);
    const labels = [...parsed.nodes.values()];
    const byLabel = (text: string): string => [...parsed.nodes].find(([, attrs]) => attrs.includes(text))![0];
    expect(labels.filter((l) => l.includes('shape=box')).map((l) => /label="(\w+)"/.exec(l)?.[1])).toEqual(['sum', 'add', 'mul']);
    // Five tensors: y, the add and mul results, b and x.
    expect(labels.filter((l) => l.includes('shape=ellipse'))).toHaveLength(5);
    const xId = byLabel('label="x\\n2x3 f32"');
    const yId = byLabel('label="loss\\nscalar f32"');
    const bId = byLabel('label="3 f32"');
    expect(parsed.nodes.get(xId)).toContain('fillcolor=lightblue');
    expect(parsed.nodes.get(bId)).not.toContain('fillcolor');
    expect(parsed.nodes.get(yId)).toContain('penwidth=2');
    const mulId = byLabel('label="mul"');
    const sumId = byLabel('label="sum"');
    expect(parsed.edges.filter(([from, to]) => from === xId && to === mulId)).toHaveLength(2);
    expect(parsed.edges).toContainEqual([sumId, yId]);
    expect(parsed.edges).toContainEqual([bId, byLabel('label="add"')]);
    // Every edge joins declared nodes, and a tensor only ever feeds or leaves an op.
    for (const [from, to] of parsed.edges) {
      expect(parsed.nodes.has(from) && parsed.nodes.has(to)).toBe(true);
      expect(from.startsWith('op') !== to.startsWith('op')).toBe(true);
    }
    expect(isAcyclic(parsed)).toBe(true);
  });

  it('visits shared subgraphs once and gives stable ids', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = exp(x);
    const y = add(mul(h, 2), h);
    const first = toDot(y);
    expect(toDot(y)).toBe(first);
    const parsed = parseDot(first);
    expect([...parsed.nodes.values()].filter((l) => l.includes('label="exp"'))).toHaveLength(1);
    expect(isAcyclic(parsed)).toBe(true);
    expect(parsed.nodes.has('t0') && parsed.nodes.has('op0')).toBe(true);
  });

  it('draws a lone leaf and escapes names', () => {
    const x = tensor([1], { requiresGrad: true });
    const dot = toDot(x, { names: new Map([[x, 'a "quoted"\\name']]) });
    expect(dot).toContain('t0 [shape=ellipse, label="a \\"quoted\\"\\\\name\\n1 f32", style=filled, fillcolor=lightblue, penwidth=2];');
    expect(dot).not.toContain('->');
  });
});
