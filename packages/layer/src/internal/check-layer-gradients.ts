// Test support: the finite-difference check of a layer's parameter (and input) gradients.
import { tensor64, type Tensor } from '@nanograd/autograd';
import type { Module } from '../module';
import { checkGradients } from './check-gradients';

/** Tolerances of {@link checkLayerGradients}. */
export interface LayerGradientCheckOptions {
  /** Finite-difference step (default 1e-6). */
  readonly eps?: number;
  /** Absolute tolerance (default 1e-6). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-5). */
  readonly rtol?: number;
  /** Also check the gradient with respect to the input (default true). */
  readonly checkInput?: boolean;
}

/**
 * Runs {@link checkGradients} on every parameter of a float64 layer and on its input, naming each by its dotted
 * parameter name. Returns the number of scalar entries checked, so tests can assert something was checked.
 */
export function checkLayerGradients(layer: Module, x: Tensor, options: LayerGradientCheckOptions = {}): number {
  const input = tensor64(Float64Array.from(x.data), x.shape, { requiresGrad: true });
  const named: [string, Tensor][] = [...layer.namedParameters()];
  if (options.checkInput ?? true) named.unshift(['input', input]);
  checkGradients(
    () => layer.forward(input),
    named.map(([, tensor]) => tensor),
    { eps: options.eps ?? 1e-6, atol: options.atol ?? 1e-6, rtol: options.rtol ?? 1e-5, names: named.map(([name]) => name), label: 'checkLayerGradients' },
  );
  return named.reduce((total, [, tensor]) => total + tensor.size, 0);
}
