// Test support: finite-difference check of a layer's parameter (and input) gradients, perturbing live f64 storage.
import { manualSeed, mul, noGrad, randn, sum, tensor64, type Tensor } from '@nanograd/autograd';
import type { Module } from '../module';

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
 * Compares `backward` gradients of `<layer(x), w>` (w a fixed random projection) with central differences, for
 * every parameter of a float64 layer and for the input. Throws naming the first element that disagrees.
 * Returns the number of scalar entries checked, so tests can assert something was checked.
 */
export function checkLayerGradients(layer: Module, x: Tensor, options: LayerGradientCheckOptions = {}): number {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-5;
  const input = tensor64(Float64Array.from(x.data), x.shape, { requiresGrad: true });
  const named: [string, Tensor][] = [...layer.namedParameters()];
  if (options.checkInput ?? true) named.unshift(['input', input]);
  for (const [name, tensor] of named) {
    if (tensor.dtype !== 'f64') throw new Error(`checkLayerGradients: ${name} is ${tensor.dtype}, build the layer with dtype 'f64'`);
  }
  layer.zeroGrad();
  const output = layer.forward(input);
  manualSeed(1234);
  const weights = randn(output.shape, { dtype: 'f64' });
  sum(mul(output, weights)).backward();
  const loss = (): number => noGrad(() => sum(mul(layer.forward(input), weights)).item());
  let checked = 0;
  for (const [name, tensor] of named) {
    if (tensor.grad === null) throw new Error(`checkLayerGradients: ${name} received no gradient`);
    const analytic = Float64Array.from(tensor.grad.data);
    const data = tensor.data;
    for (let i = 0; i < data.length; i++) {
      const base = data[i] as number;
      data[i] = base + eps;
      const plus = loss();
      data[i] = base - eps;
      const minus = loss();
      data[i] = base;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[i] as number;
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        throw new Error(`checkLayerGradients: ${name}[${i}] analytic ${a} vs numeric ${numeric}`);
      }
      checked++;
    }
  }
  layer.zeroGrad();
  return checked;
}
