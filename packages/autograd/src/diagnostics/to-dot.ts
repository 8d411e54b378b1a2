// Graphviz rendering of the recorded graph, for debugging what backward() will walk.
import { formatShape } from '@nanograd/kernels';
import type { Tensor } from '../tensor';

/**
 * Options of {@link toDot}.
 *
 * @example
 * ```ts
 * import type { ToDotOptions } from '@nanograd/autograd';
 * const options: ToDotOptions = { names: new Map() };
 * ```
 * @category Graph
 */
export interface ToDotOptions {
  /** Display names of tensors, shown above their shape. */
  readonly names?: ReadonlyMap<Tensor, string>;
}

/**
 * Renders the graph reachable from a tensor as Graphviz DOT text: an ellipse per tensor (shape and dtype), a box
 * per op application (the op's name), edges input → op → output. Leaves that require grad are filled blue, the
 * output is drawn bold. Ids (`t0`, `t1`, … and `op0`, `op1`, …) follow discovery order from the output, so the
 * same graph always gives the same text.
 *
 * @param output - The tensor whose history to draw.
 * @param options - `names`: display names of tensors.
 * @returns A `digraph` in DOT syntax, e.g. for `dot -Tsvg`.
 *
 * @example
 * ```ts
 * import { add, mul, tensor, toDot } from '@nanograd/autograd';
 * const x = tensor([1, 2], { requiresGrad: true });
 * const y = add(mul(x, x), 1);
 * const dot = toDot(y, { names: new Map([[x, 'x']]) });
 * dot.includes('label="mul"'); // true
 * ```
 * @category Graph
 */
export function toDot(output: Tensor, options: ToDotOptions = {}): string {
  const ids = new Map<Tensor, string>();
  const order: Tensor[] = [];
  const idOf = (t: Tensor): string => {
    let id = ids.get(t);
    if (id === undefined) {
      id = `t${ids.size}`;
      ids.set(t, id);
      order.push(t);
    }
    return id;
  };
  idOf(output);
  const edges: string[] = [];
  const ops: string[] = [];
  // Breadth-first over `order` itself: iterative, so deep graphs cannot overflow the stack.
  for (let i = 0; i < order.length; i++) {
    const t = order[i]!;
    if (t.node === null) continue;
    const op = `op${ops.length}`;
    ops.push(`  ${op} [shape=box, label=${quote(t.node.def.name)}];`);
    for (const input of t.node.inputs) edges.push(`  ${idOf(input)} -> ${op};`);
    edges.push(`  ${op} -> ${ids.get(t)!};`);
  }
  const tensors = order.map((t) => {
    const name = options.names?.get(t);
    const label = `${name === undefined ? '' : `${name}\n`}${formatShape(t.shape)} ${t.dtype}`;
    const style: string[] = [];
    if (t.node === null && t.requiresGrad) style.push('style=filled', 'fillcolor=lightblue');
    if (t === output) style.push('penwidth=2');
    return `  ${ids.get(t)!} [shape=ellipse, label=${quote(label)}${style.map((s) => `, ${s}`).join('')}];`;
  });
  return ['digraph autograd {', '  rankdir=LR;', ...tensors, ...ops, ...edges, '}', ''].join('\n');
}

// DOT string literal: escape backslashes and quotes, turn newlines into DOT's centred line break.
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
