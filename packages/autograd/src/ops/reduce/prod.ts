import { eye } from '../../create';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { keptShape, normalizeAxes, reducedShape } from '../../internal/axes';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { where } from '../elementwise/where';
import { broadcastTo } from '../movement/broadcast-to';
import { reshape } from '../movement/reshape';
import { unsqueeze } from '../movement/unsqueeze';
import type { ReduceOptions } from './sum';

interface ProdAttrs {
  readonly axis: number;
}

/**
 * For every element, the product of the other elements along `axis` (`Π_{j≠i} x_j`), exact with zeros: row `i`
 * of an n×n copy of each lane has its diagonal replaced by 1 before the product. Costs n times the memory of `x`.
 */
function exclusiveProduct(x: Tensor, axis: number): Tensor {
  const n = x.shape[axis] as number;
  const lanes = [...x.shape.slice(0, axis), n, n, ...x.shape.slice(axis + 1)];
  const others = broadcastTo(unsqueeze(x, axis), lanes);
  const diagonal = reshape(eye(n, n, { dtype: x.dtype }), [n, n, ...x.shape.slice(axis + 1).map(() => 1)]);
  return reshape(prodAlong(where(diagonal, 1, others), axis + 1), x.shape);
}

// One axis per application: products over several axes chain these, and their gradients chain for free.
const prodDef = defineOp<ProdAttrs>({
  name: 'prod',
  infer: ([x], { axis }) => ({ shape: keptShape(x!.shape, [axis]), dtype: x!.dtype }),
  forward: (kernels, [x], out, { axis }) => kernels.reduce('prod', x!, [axis], out),
  vjp: (grad, { inputs: [x], attrs: { axis } }) => [mul(grad, exclusiveProduct(x!, axis))],
});

function prodAlong(x: Tensor, axis: number): Tensor {
  return apply(prodDef, [x], { axis });
}

/**
 * Multiplies elements over the given axes (all by default; Scheme `product-tensor`).
 *
 * @remarks
 * The gradient is the true `∂/∂xᵢ = Π_{j≠i} xⱼ`, also at zeros and negative values (no division by `x`), and is
 * differentiable to any order. It materialises an n×n block per reduced lane of extent n, so the backward pass
 * costs O(n²) per lane (and n times more at each further order); fine for the short axes products are used on.
 * An empty product is 1.
 *
 * @param x - Input.
 * @param options - `axis` and `keepDims`.
 * @returns The products.
 * @throws {@link ShapeError} If an axis is out of range or repeated.
 *
 * @example
 * ```ts
 * import { gradients, prod, tensor } from '@nanograd/autograd';
 * const x = tensor([2, 0, 3], { requiresGrad: true });
 * prod(x).item(); // 0
 * gradients(prod(x), [x])[0]?.toList(); // [0, 6, 0]
 * ```
 * @category Reduction
 */
export function prod(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = normalizeAxes('prod', options.axis, x.rank);
  const kept = axes.reduce((partial, axis) => prodAlong(partial, axis), x);
  return reshape(kept, reducedShape(x.shape, axes, options.keepDims ?? false));
}
