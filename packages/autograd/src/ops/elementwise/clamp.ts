import { promoteDTypes, type View } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { expandView } from '../../internal/elementwise';
import { toTensor } from '../../internal/operand';
import type { Tensor } from '../../tensor';
import { greaterEqual } from './greater-equal';
import { lessEqual } from './less-equal';
import { where } from './where';

/**
 * Options of {@link clamp}.
 *
 * @example
 * ```ts
 * import type { ClampOptions } from '@nanograd/autograd';
 * const unit: ClampOptions = { min: 0, max: 1 };
 * ```
 * @category Elementwise
 */
export interface ClampOptions {
  /** Lower bound; omitted = none. */
  readonly min?: number;
  /** Upper bound; omitted = none. */
  readonly max?: number;
}

interface ClampAttrs {
  readonly hasMin: boolean;
  readonly hasMax: boolean;
}

const clampDef = defineOp<ClampAttrs>({
  name: 'clamp',
  infer: ([x, ...bounds]) => ({ shape: x!.shape, dtype: bounds.reduce((dtype, bound) => promoteDTypes(dtype, bound.dtype), x!.dtype) }),
  forward: (kernels, [x, ...bounds], out, { hasMin }) => {
    // max then min, in place: with min > max every element becomes max, as in PyTorch.
    let source: View = x!;
    bounds.forEach((bound, index) => {
      kernels.binary(index === 0 && hasMin ? 'maximum' : 'minimum', source, expandView('clamp', bound, out.shape), out);
      source = out;
    });
    if (bounds.length === 0) kernels.copy(x!, out);
  },
  // Gradient 1 inside [min, max] (bounds included, like PyTorch), 0 outside and at NaN.
  vjp: (grad, { inputs: [x, ...bounds], attrs: { hasMin, hasMax } }) => {
    let masked = grad;
    if (hasMax) masked = where(lessEqual(x!, bounds[bounds.length - 1]!), masked, 0);
    if (hasMin) masked = where(greaterEqual(x!, bounds[0]!), masked, 0);
    return [masked, ...bounds.map(() => null)];
  },
});

/**
 * Limits every element to `[min, max]`; NaN stays NaN.
 *
 * @remarks
 * The gradient is 1 inside the interval, bounds included (PyTorch's convention), and 0 outside. When
 * `min > max`, every element becomes `max`, as in PyTorch. An omitted bound does not limit.
 *
 * @param x - Input.
 * @param options - `min` and `max` (numbers; either may be omitted).
 * @returns `min(max(x, min), max)` with the shape of `x` (and a float dtype if a bound is fractional).
 *
 * @example
 * ```ts
 * import { clamp, tensor } from '@nanograd/autograd';
 * clamp(tensor([-2, 0.5, 3]), { min: 0, max: 1 }).toList(); // [0, 0.5, 1]
 * ```
 * @category Elementwise
 */
export function clamp(x: Tensor, options: ClampOptions = {}): Tensor {
  const bounds: Tensor[] = [];
  if (options.min !== undefined) bounds.push(toTensor('clamp', options.min, x));
  if (options.max !== undefined) bounds.push(toTensor('clamp', options.max, x));
  return apply(clampDef, [x, ...bounds], { hasMin: options.min !== undefined, hasMax: options.max !== undefined });
}
