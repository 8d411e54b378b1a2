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
export { tensor, tensor32, tensor64, zeros, ones, full, arange, eye, rand, randn, oneHot, manualSeed, getRandomState, setRandomState } from './create';
export type { RandomState } from '@nanograd/kernels';
export { toList, item } from './to-list';
export { formatTensor, printTensor } from './format-tensor';
export { isTensor, isTensor32, isTensor64 } from './predicates';

// Backends.
export { getBackend, setBackend, withBackend, useFastestBackend } from './backend';

// The graph.
export type { BackwardOptions } from './graph/backward';
export { backward, gradients, zeroGrad, addToGrad } from './graph/backward-api';
export { detach } from './graph/detach';
export { assign } from './graph/assign';
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
export { pow } from './ops/elementwise/pow';
export { sqrt } from './ops/elementwise/sqrt';
export { abs } from './ops/elementwise/abs';
export { square } from './ops/elementwise/square';
export { sign } from './ops/elementwise/sign';
export { sin } from './ops/elementwise/sin';
export { cos } from './ops/elementwise/cos';
export { erf } from './ops/elementwise/erf';
export { log1p } from './ops/elementwise/log1p';
export { expm1 } from './ops/elementwise/expm1';
export { reciprocal } from './ops/elementwise/reciprocal';
export { floor } from './ops/elementwise/floor';
export { ceil } from './ops/elementwise/ceil';
export { round } from './ops/elementwise/round';
export { maximum } from './ops/elementwise/maximum';
export { minimum } from './ops/elementwise/minimum';
export type { ClampOptions } from './ops/elementwise/clamp';
export { clamp } from './ops/elementwise/clamp';
export { where } from './ops/elementwise/where';
export type { SafeDivOptions } from './ops/elementwise/safe-div';
export { safeDiv } from './ops/elementwise/safe-div';
export { scale } from './ops/elementwise/scale';
export { equal } from './ops/elementwise/equal';
export { notEqual } from './ops/elementwise/not-equal';
export { less } from './ops/elementwise/less';
export { lessEqual } from './ops/elementwise/less-equal';
export { greater } from './ops/elementwise/greater';
export { greaterEqual } from './ops/elementwise/greater-equal';
export { relu } from './ops/activation/relu';
export type { LeakyReluOptions } from './ops/activation/leaky-relu';
export { leakyRelu } from './ops/activation/leaky-relu';
export { tanh } from './ops/activation/tanh';
export { sigmoid } from './ops/activation/sigmoid';
export { sigmoidStable } from './ops/activation/sigmoid-stable';
export type { SoftplusOptions } from './ops/activation/softplus';
export { softplus } from './ops/activation/softplus';
export type { GeluOptions } from './ops/activation/gelu';
export { gelu } from './ops/activation/gelu';
export { silu } from './ops/activation/silu';
export type { ReduceOptions } from './ops/reduce/sum';
export { sum } from './ops/reduce/sum';
export { mean } from './ops/reduce/mean';
export { prod } from './ops/reduce/prod';
export { max } from './ops/reduce/max';
export { min } from './ops/reduce/min';
export type { VarianceOptions } from './ops/reduce/variance';
export { variance } from './ops/reduce/variance';
// `var` is reserved as a binding but valid as an export name: `import { var as variance }` or `ng.var(x)`.
export { variance as var } from './ops/reduce/variance';
export { logsumexp } from './ops/reduce/logsumexp';
export type { ArgReduceOptions } from './ops/reduce/argmax';
export { argmax } from './ops/reduce/argmax';
export { argmin } from './ops/reduce/argmin';
export type { CustomReduceOptions } from './ops/reduce/reduce';
export { reduce } from './ops/reduce/reduce';
export type { SoftmaxOptions } from './ops/softmax/softmax';
export { softmax } from './ops/softmax/softmax';
export { logSoftmax } from './ops/softmax/log-softmax';
export type { FlattenOptions } from './ops/movement/flatten';
export { flatten } from './ops/movement/flatten';
export type { SqueezeOptions } from './ops/movement/squeeze';
export { squeeze } from './ops/movement/squeeze';
export { unsqueeze } from './ops/movement/unsqueeze';
export { slice } from './ops/movement/slice';
export { narrow } from './ops/movement/narrow';
export type { ConcatOptions } from './ops/movement/concat';
export { concat } from './ops/movement/concat';
export { stack } from './ops/movement/stack';
export type { PadOptions } from './ops/movement/pad';
export { pad } from './ops/movement/pad';
export type { GatherOptions } from './ops/indexing/gather';
export { gather } from './ops/indexing/gather';
export { scatterAdd } from './ops/indexing/scatter-add';
export { indexSelect } from './ops/indexing/index-select';
export { embedding } from './ops/indexing/embedding';
export { reshape } from './ops/movement/reshape';
export { broadcastTo } from './ops/movement/broadcast-to';
export { contiguous } from './ops/movement/contiguous';
export { permute } from './ops/linalg/permute';
export { transpose } from './ops/linalg/transpose';
export { matmul } from './ops/linalg/matmul';
export { dot } from './ops/linalg/dot';
export { cast } from './ops/linalg/cast';
export type { LossReduction } from './internal/loss-common';
export type { LossOptions } from './ops/loss/nll-loss';
export { nllLoss } from './ops/loss/nll-loss';
export type { CrossEntropyOptions } from './ops/loss/cross-entropy-loss';
export { crossEntropyLoss } from './ops/loss/cross-entropy-loss';
export { mseLoss } from './ops/loss/mse-loss';
export { binaryCrossEntropy } from './ops/loss/binary-cross-entropy';
export { bceWithLogits } from './ops/loss/bce-with-logits';
export type { RmsnormOptions } from './ops/norm/rmsnorm';
export { rmsnorm } from './ops/norm/rmsnorm';
export type { LayerNormOptions } from './ops/norm/layer-norm';
export { layerNorm } from './ops/norm/layer-norm';
export type { BatchNormOptions } from './ops/norm/batch-norm';
export { batchNorm } from './ops/norm/batch-norm';
export type { NormalizeOptions } from './ops/norm/l2-normalize';
export { l2Normalize } from './ops/norm/l2-normalize';
export { cosineSimilarity } from './ops/norm/cosine-similarity';
export { im2col } from './ops/conv/im2col';
export { col2im } from './ops/conv/col2im';
export type { Pair } from './internal/conv-geometry';
export type { Conv2dOptions } from './ops/conv/conv2d';
export { conv2d } from './ops/conv/conv2d';
export type { Pool2dOptions } from './internal/conv-pool';
export { maxPool2d } from './ops/pool/max-pool2d';
export { avgPool2d } from './ops/pool/avg-pool2d';
export { globalAvgPool2d } from './ops/pool/global-avg-pool2d';
export type { DropoutOptions } from './ops/nn/dropout';
export { dropout } from './ops/nn/dropout';
export type { AttentionOptions } from './ops/nn/scaled-dot-product-attention';
export { scaledDotProductAttention } from './ops/nn/scaled-dot-product-attention';

// Functional transforms.
export type { GradOptions } from './functional/grad';
export { grad } from './functional/grad';
export { valueAndGrad } from './functional/value-and-grad';
export { vjp } from './functional/vjp';
export { jvp } from './functional/jvp';
export { hvp } from './functional/hvp';
export type { JacobianOptions } from './functional/jacobian';
export { jacobian } from './functional/jacobian';
export { hessian } from './functional/hessian';
export type { CustomVjpSpec } from './functional/custom-vjp';
export { customVjp } from './functional/custom-vjp';
export { setBackwardFn } from './functional/set-backward-fn';
export type { TransformInput, TensorFunction, BackwardFn } from './functional/transform-types';

// Diagnostics.
export type { GradNormOptions } from './diagnostics/grad-norm';
export { gradNorm } from './diagnostics/grad-norm';
export type { GradientHealthOptions, GradientHealth, TensorGradientHealth } from './diagnostics/check-gradient-health';
export { checkGradientHealth } from './diagnostics/check-gradient-health';
export type { GradientMonitorOptions, GradientSummary } from './diagnostics/gradient-monitor';
export { GradientMonitor } from './diagnostics/gradient-monitor';
export type { ToDotOptions } from './diagnostics/to-dot';
export { toDot } from './diagnostics/to-dot';

// Errors.
export { ShapeError, DTypeError, BackendError } from '@nanograd/kernels';
