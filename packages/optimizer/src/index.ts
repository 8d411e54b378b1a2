/**
 * Optimizers (SGD, Adam, AdamW, RMSprop, Adagrad) with PyTorch's exact update rules, learning-rate schedules
 * and gradient clipping for nanograd. Optimizers take tensors or parameter groups, so they do not depend on
 * `@nanograd/layer`, and save and restore their state bit for bit.
 *
 * @example
 * ```ts
 * import { Adam, CosineWarmupLR, clipGradNorm } from '@nanograd/optimizer';
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([1, -2], { requiresGrad: true });
 * const optimizer = new Adam([w], { learningRate: 1e-2 });
 * const scheduler = new CosineWarmupLR(optimizer, { warmupSteps: 2, totalSteps: 10 });
 * for (let i = 0; i < 10; i++) {
 *   optimizer.zeroGrad();
 *   sum(mul(w, w)).backward();
 *   clipGradNorm([w], 1);
 *   optimizer.step();
 *   scheduler.step();
 * }
 * ```
 *
 * @packageDocumentation
 */

// The optimizer base and its state.
export { Optimizer } from './optimizer';
export type { OptimizerOptions, OptimizerState, OptimizerGroup, StepCount } from './optimizer';
export { OptimizerError } from './optimizer-error';
export type { ParameterList, ParameterGroup, OptimizerParameters } from './parameter-group';
export type { ParameterState, FloatStorage } from './parameter-state';
export type { OptimizerStateDict, ParameterGroupStateDict, ParameterStateDict } from './optimizer-state-dict';

// Optimizers.
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
export { AdamW } from './adamw';
export { RMSprop } from './rmsprop';
export type { RMSpropOptions } from './rmsprop';
export { Adagrad } from './adagrad';
export type { AdagradOptions } from './adagrad';

// Gradient clipping.
export { clipGradNorm } from './clip-grad-norm';
export type { ClipGradNormOptions } from './clip-grad-norm';
export { clipGradValue } from './clip-grad-value';

// Learning-rate schedules.
export { LRScheduler } from './schedule/lr-scheduler';
export type { SchedulableOptimizer, LearningRateCurve, LRSchedulerOptions, SchedulerStateDict } from './schedule/lr-scheduler';
export { ConstantLR } from './schedule/constant-lr';
export type { ConstantLROptions } from './schedule/constant-lr';
export { LinearWarmupLR } from './schedule/linear-warmup-lr';
export type { LinearWarmupLROptions } from './schedule/linear-warmup-lr';
export { StepLR } from './schedule/step-lr';
export type { StepLROptions } from './schedule/step-lr';
export { ExponentialLR } from './schedule/exponential-lr';
export type { ExponentialLROptions } from './schedule/exponential-lr';
export { CosineAnnealingLR } from './schedule/cosine-annealing-lr';
export type { CosineAnnealingLROptions } from './schedule/cosine-annealing-lr';
export { CosineWarmupLR } from './schedule/cosine-warmup-lr';
export type { CosineWarmupLROptions } from './schedule/cosine-warmup-lr';
export { OneCycleLR } from './schedule/one-cycle-lr';
export type { OneCycleLROptions } from './schedule/one-cycle-lr';

// Learning-rate curves as pure functions of the step.
export { stepDecay, exponentialDecay, cosineAnnealing, warmupCosine, oneCycle } from './schedule/curves';
export type { StepDecayOptions, ExponentialDecayOptions, CosineAnnealingOptions, WarmupCosineOptions, OneCycleOptions } from './schedule/curves';
