// max and min share one definition: kernel reduction forward, tie-splitting mask backward.
import { contiguousStrides } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineOp } from '../graph/define-builtin-op';
import { detach } from '../graph/detach';
import { keptShape, normalizeAxes, reducedShape } from './axes';
import { assertNonEmptyAxes } from './reduce-checks';
import type { Tensor } from '../tensor';
import { div } from '../ops/elementwise/div';
import { equal } from '../ops/elementwise/equal';
import { mul } from '../ops/elementwise/mul';
import { reshape } from '../ops/movement/reshape';
import { sum, type ReduceOptions } from '../ops/reduce/sum';

interface ExtremumAttrs {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

/** Defines `max` or `min`: the gradient is shared evenly by the elements equal to the extremum (PyTorch `amax`). */
function defineExtremum(name: 'max' | 'min') {
  return defineOp<ExtremumAttrs>({
    name,
    infer: ([x], { axes, keepDims }) => ({ shape: reducedShape(x!.shape, axes, keepDims), dtype: x!.dtype }),
    forward: (kernels, [x], out, { axes }) => {
      const shape = keptShape(x!.shape, axes);
      kernels.reduce(name, x!, axes, { ...out, shape, strides: contiguousStrides(shape) });
    },
    // The mask is piecewise constant in x, so the rule is linear in grad and differentiable again.
    vjp: (grad, { inputs: [x], output, attrs: { axes } }) => {
      const kept = keptShape(x!.shape, axes);
      const mask = equal(detach(x!), reshape(detach(output), kept));
      const share = div(mask, sum(mask, { axis: axes, keepDims: true }));
      return [mul(share, reshape(grad, kept))];
    },
  });
}

const defs = { max: defineExtremum('max'), min: defineExtremum('min') };

/** Applies `max` or `min` after checking the axes. */
export function extremum(name: 'max' | 'min', x: Tensor, options: ReduceOptions): Tensor {
  const axes = normalizeAxes(name, options.axis, x.rank);
  assertNonEmptyAxes(name, x, axes);
  return apply(defs[name], [x], { axes, keepDims: options.keepDims ?? false });
}
