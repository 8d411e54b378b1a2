// argmax and argmin share one definition: an index-valued kernel reduction with no gradient.
import { normalizeAxis } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineOp } from '../graph/define-builtin-op';
import { keptShape } from './axes';
import { assertNonEmptyAxes } from './reduce-checks';
import type { Tensor } from '../tensor';
import { reshape } from '../ops/movement/reshape';
import type { ArgReduceOptions } from '../ops/reduce/argmax';

interface ArgAttrs {
  readonly axis: number;
}

// No VJP: an index is piecewise constant, so the result never requires gradients.
function defineArg(name: 'argmax' | 'argmin') {
  return defineOp<ArgAttrs>({
    name,
    infer: ([x], { axis }) => ({ shape: keptShape(x!.shape, [axis]), dtype: 'i32' }),
    forward: (kernels, [x], out, { axis }) => kernels.argReduce(name, x!, axis, out),
  });
}

const defs = { argmax: defineArg('argmax'), argmin: defineArg('argmin') };

/** Applies `argmax` or `argmin` along one axis, or over the flattened tensor. */
export function argReduce(name: 'argmax' | 'argmin', x: Tensor, options: ArgReduceOptions): Tensor {
  const keepDims = options.keepDims ?? false;
  if (options.axis === undefined) {
    const flat = reshape(x, [x.size]);
    assertNonEmptyAxes(name, flat, [0]);
    return reshape(apply(defs[name], [flat], { axis: 0 }), keepDims ? x.shape.map(() => 1) : []);
  }
  const axis = normalizeAxis(name, options.axis, x.rank);
  assertNonEmptyAxes(name, x, [axis]);
  const kept = apply(defs[name], [x], { axis });
  return keepDims ? kept : reshape(kept, x.shape.filter((_, position) => position !== axis));
}
