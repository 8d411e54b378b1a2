// The Scheme egg's procedural layer API, as free functions over Module.
import type { Tensor } from '@nanograd/autograd';
import type { Module } from './module';

/**
 * Runs a layer on an input (Scheme `forward`); the same as `layer.forward(x)`.
 *
 * @param layer - Any module.
 * @param x - The input.
 * @returns The layer's output.
 *
 * @example
 * ```ts
 * import { Dense, forward } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * forward(new Dense(4, 2), ones([4])).shape; // [2]
 * ```
 * @category Module
 */
export function forward(layer: Module, x: Tensor): Tensor {
  return layer.forward(x);
}

/**
 * The trainable tensors of a layer and all its children (Scheme `parameters`); the same as `layer.parameters()`.
 *
 * @param layer - Any module.
 * @returns The parameters, deduplicated, in a stable order.
 *
 * @example
 * ```ts
 * import { Dense, parameters } from '@nanograd/layer';
 * parameters(new Dense(4, 2)).length; // 2 (weight and bias)
 * ```
 * @category Module
 */
export function parameters(layer: Module): Tensor[] {
  return layer.parameters();
}

/**
 * Sets training or evaluation mode on a layer and every descendant (Scheme `set-training-mode!`).
 *
 * @param layer - Any module.
 * @param on - True for training.
 * @returns The layer.
 *
 * @example
 * ```ts
 * import { BatchNorm2d, Sequential, setTrainingMode } from '@nanograd/layer';
 * const model = new Sequential([new BatchNorm2d(3)]);
 * setTrainingMode(model, false);
 * model.training; // false
 * ```
 * @category Module
 */
export function setTrainingMode<M extends Module>(layer: M, on: boolean): M {
  return layer.train(on);
}

/**
 * Sets evaluation mode on a layer and every descendant (Scheme `set-eval-mode!`).
 *
 * @param layer - Any module.
 * @returns The layer.
 *
 * @example
 * ```ts
 * import { Dropout, setEvalMode } from '@nanograd/layer';
 * setEvalMode(new Dropout(0.5)).training; // false
 * ```
 * @category Module
 */
export function setEvalMode<M extends Module>(layer: M): M {
  return layer.eval();
}
