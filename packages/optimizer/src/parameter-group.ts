import type { Tensor } from '@nanograd/autograd';

/**
 * The tensors of one parameter group.
 *
 * @example
 * ```ts
 * import type { ParameterList } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const list: ParameterList = { params: [tensor([1], { requiresGrad: true })] };
 * ```
 * @category Optimizer
 */
export interface ParameterList {
  /** Leaf float tensors updated by the optimizer. */
  readonly params: Iterable<Tensor>;
}

/**
 * A set of parameters with its own options, which override the optimizer's defaults for these tensors only
 * (PyTorch's per-parameter options), e.g. no weight decay on biases and norm weights.
 *
 * @example
 * ```ts
 * import { SGD } from '@nanograd/optimizer';
 * import type { ParameterGroup, SGDOptions } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const weight = tensor([[1, 2]], { requiresGrad: true });
 * const bias = tensor([0], { requiresGrad: true });
 * const groups: ParameterGroup<SGDOptions>[] = [{ params: [weight] }, { params: [bias], weightDecay: 0 }];
 * new SGD(groups, { learningRate: 0.1, weightDecay: 1e-4 });
 * ```
 * @category Optimizer
 */
export type ParameterGroup<Options extends object> = ParameterList & Options;

/**
 * What an optimizer accepts: tensors (one group with the default options) or parameter groups.
 *
 * @example
 * ```ts
 * import type { OptimizerParameters, AdamOptions } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const params: OptimizerParameters<AdamOptions> = [tensor([1, 2], { requiresGrad: true })];
 * ```
 * @category Optimizer
 */
export type OptimizerParameters<Options extends object> = Iterable<Tensor> | Iterable<ParameterGroup<Options>>;
