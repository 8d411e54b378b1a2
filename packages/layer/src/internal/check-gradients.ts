// Test support: finite-difference checks of gradients with respect to live float64 tensors (layer parameters).
import { gradients, mul, noGrad, sum, tensor64, type Tensor } from '@nanograd/autograd';
import { formatShape, Random } from '@nanograd/kernels';

/**
 * Tolerances and step of {@link checkGradients}.
 * @internal
 */
export interface CheckGradientsOptions {
  /** Finite-difference step (default 1e-6). */
  readonly eps?: number;
  /** Absolute tolerance (default 1e-6). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-4). */
  readonly rtol?: number;
  /** Seed of the random projection of the output (default 7). */
  readonly seed?: number;
  /** Names of the tensors in error messages (default `tensor <index> <shape>`). */
  readonly names?: readonly string[];
  /** Prefix of error messages (default `checkGradients`). */
  readonly label?: string;
}

/**
 * Compares the gradients of `<run(), w>` (w a fixed random projection) with respect to `tensors` against central
 * finite differences, perturbing each element in place; throws naming the tensor and element that disagree.
 *
 * @remarks
 * The tensors must be contiguous float64 leaves that own their buffer (so `data` is live storage), as the
 * parameters of a layer built with `dtype: 'f64'` are. `run` must be deterministic (dropout off).
 *
 * @param run - Recomputes the output from the current values of `tensors`.
 * @param tensors - The float64 leaves to check.
 * @param options - Step and tolerances.
 * @internal
 */
export function checkGradients(run: () => Tensor, tensors: readonly Tensor[], options: CheckGradientsOptions = {}): void {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-4;
  const output = run();
  const weights = tensor64(new Random(options.seed ?? 7).fillUniform(new Float64Array(output.size), -1, 1), output.shape);
  const analytic = gradients(sum(mul(output, weights)), tensors);
  const loss = (): number => noGrad(() => sum(mul(run(), weights)).item());
  const label = options.label ?? 'checkGradients';
  tensors.forEach((tensor, which) => {
    const name = options.names?.[which] ?? `tensor ${which} ${formatShape(tensor.shape)}`;
    const data = tensor.data;
    if (!(data instanceof Float64Array)) throw new Error(`${label}: ${name} is ${tensor.dtype}, not float64`);
    const grad = (analytic[which] as Tensor).data;
    for (let i = 0; i < data.length; i++) {
      const base = data[i] as number;
      data[i] = base + eps;
      // A copy instead of live storage would make every numeric derivative silently zero.
      if (tensor.data[i] !== base + eps) throw new Error(`${label}: ${name} is not live storage`);
      const plus = loss();
      data[i] = base - eps;
      const minus = loss();
      data[i] = base;
      const numeric = (plus - minus) / (2 * eps);
      const a = grad[i] as number;
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        throw new Error(`${label}: ${name} element ${i}: analytic ${a} vs numeric ${numeric}`);
      }
    }
  });
}
