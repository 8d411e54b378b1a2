/**
 * Tensors and reverse-mode automatic differentiation for nanograd, correct to any derivative order.
 *
 * @example
 * ```ts
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * sum(mul(x, x)).backward();
 * x.grad?.toList(); // [2, 4, 6]
 * ```
 *
 * @packageDocumentation
 */

// Tensors and their construction.
export { Tensor } from './tensor';
export type { TensorOptions, NestedArray } from './create';
export { tensor, tensor32, tensor64, zeros, ones, full, arange, eye, rand, randn, oneHot, manualSeed } from './create';
export { toList, item } from './to-list';
export { formatTensor, printTensor } from './format-tensor';
export { isTensor, isTensor32, isTensor64 } from './predicates';

// Backends.
export { getBackend, setBackend, withBackend } from './backend';

// The graph.
export type { BackwardOptions } from './graph/backward';
export { backward, gradients, zeroGrad, addToGrad } from './graph/backward-api';
export { detach } from './graph/detach';
export { noGrad, isGradEnabled, withGradMode } from './graph/grad-mode';
export { GraphError } from './graph/graph-error';
export type { OpContext, VjpRule, ComputeOpDef, ViewOpDef, OpDef, OpSignature, ViewLayout } from './graph/define-op';
export { defineOp, defineView } from './graph/define-op';
export { apply } from './graph/apply';

// Ops.
export { add } from './ops/elementwise/add';
export { sub } from './ops/elementwise/sub';
export { mul } from './ops/elementwise/mul';
export { div } from './ops/elementwise/div';
export { neg } from './ops/elementwise/neg';
export { exp } from './ops/elementwise/exp';
export { log } from './ops/elementwise/log';
export type { ReduceOptions } from './ops/reduce/sum';
export { sum } from './ops/reduce/sum';
export { reshape } from './ops/movement/reshape';
export { broadcastTo } from './ops/movement/broadcast-to';
export { contiguous } from './ops/movement/contiguous';

// Errors.
export { ShapeError, DTypeError, BackendError } from '@nanograd/kernels';
