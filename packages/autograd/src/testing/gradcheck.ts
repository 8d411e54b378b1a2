// Finite-difference checks of first and second derivatives, in float64.
import { gradients } from '../graph/backward-api';
import { noGrad } from '../graph/grad-mode';
import { detach } from '../graph/detach';
import { tensor64 } from '../create';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import { Random } from '@nanograd/kernels';
import type { Tensor } from '../tensor';

/**
 * Tolerances and step of the finite-difference checks.
 *
 * @example
 * ```ts
 * import type { GradcheckOptions } from '@nanograd/autograd/testing';
 * const options: GradcheckOptions = { eps: 1e-6, atol: 1e-5, rtol: 1e-4 };
 * ```
 * @category Testing
 */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  readonly eps?: number;
  /** Absolute tolerance (default 1e-5). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-4). */
  readonly rtol?: number;
  /** Seed of the random projection weights (default 7). */
  readonly seed?: number;
}

/**
 * A function of tensors under test.
 *
 * @example
 * ```ts
 * import { mul } from '@nanograd/autograd';
 * import type { TestedFunction } from '@nanograd/autograd/testing';
 * const square: TestedFunction = (x) => mul(x!, x!);
 * ```
 * @category Testing
 */
export type TestedFunction = (...inputs: Tensor[]) => Tensor;

function leaves(inputs: readonly Tensor[]): Tensor[] {
  return inputs.map((input) => {
    const leaf = detach(input);
    leaf.requiresGrad = input.dtype !== 'i32';
    return leaf;
  });
}

function withValue(inputs: readonly Tensor[], which: number, index: number, value: number): Tensor[] {
  return inputs.map((input, position) => {
    if (position !== which) return input;
    const data = Float64Array.from(input.data);
    data[index] = value;
    return tensor64(data, input.shape);
  });
}

function compare(label: string, analytic: ArrayLike<number>, numeric: ArrayLike<number>, options: GradcheckOptions): void {
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-4;
  for (let i = 0; i < numeric.length; i++) {
    const a = analytic[i] as number;
    const n = numeric[i] as number;
    if (Number.isNaN(a) && Number.isNaN(n)) continue;
    if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
      throw new Error(`${label}: element ${i} analytic ${a} vs numeric ${n} (|diff| ${Math.abs(a - n)})`);
    }
  }
}

/** A fixed random projection turns any output into a scalar, so one gradient covers the whole Jacobian. */
function projection(output: Tensor, random: Random): Tensor {
  return tensor64(random.fillUniform(new Float64Array(output.size), -1, 1), output.shape);
}

/**
 * Checks the gradient of `fn` at `inputs` (float64) against central finite differences; throws on mismatch.
 *
 * @param fn - The function under test.
 * @param inputs - Its float64 inputs (integer inputs are held fixed).
 * @param options - Step and tolerances.
 * @throws Error naming the input and element that disagree.
 *
 * @example
 * ```ts
 * import { mul, tensor64 } from '@nanograd/autograd';
 * import { gradcheck } from '@nanograd/autograd/testing';
 * gradcheck((x) => mul(x, x), [tensor64([1, 2, 3])]);
 * ```
 * @category Testing
 */
export function gradcheck(fn: TestedFunction, inputs: readonly Tensor[], options: GradcheckOptions = {}): void {
  const eps = options.eps ?? 1e-6;
  const random = new Random(options.seed ?? 7);
  const variables = leaves(inputs);
  const output = fn(...variables);
  const weights = projection(output, random);
  const loss = (values: readonly Tensor[]): number => noGrad(() => sum(mul(fn(...values), weights)).item());
  const differentiable = variables.filter((variable) => variable.requiresGrad);
  if (!output.requiresGrad) throw new Error('gradcheck: the output does not depend on any float input');
  const analytic = gradients(sum(mul(output, weights)), differentiable);
  variables.forEach((variable, which) => {
    if (!variable.requiresGrad) return;
    const base = Float64Array.from(variable.data);
    const numeric = new Float64Array(base.length);
    for (let i = 0; i < base.length; i++) {
      const plus = loss(withValue(variables, which, i, (base[i] as number) + eps));
      const minus = loss(withValue(variables, which, i, (base[i] as number) - eps));
      numeric[i] = (plus - minus) / (2 * eps);
    }
    const grad = analytic[differentiable.indexOf(variable)] as Tensor;
    compare(`gradcheck input ${which}`, grad.data, numeric, options);
  });
}

/**
 * Checks second derivatives: the gradient of `<grad fn, v>` computed by differentiating the backward pass
 * (`createGraph`) must match finite differences of the first-order gradient. Throws on mismatch.
 *
 * @param fn - The function under test.
 * @param inputs - Its float64 inputs.
 * @param options - Step and tolerances.
 * @throws Error naming the input and element that disagree.
 *
 * @example
 * ```ts
 * import { mul, tensor64 } from '@nanograd/autograd';
 * import { gradgradcheck } from '@nanograd/autograd/testing';
 * gradgradcheck((x) => mul(mul(x, x), x), [tensor64([1, 2])]);
 * ```
 * @category Testing
 */
export function gradgradcheck(fn: TestedFunction, inputs: readonly Tensor[], options: GradcheckOptions = {}): void {
  const eps = options.eps ?? 1e-5;
  const random = new Random((options.seed ?? 7) + 1);
  const variables = leaves(inputs);
  const differentiable = variables.filter((variable) => variable.requiresGrad);
  const probe = fn(...variables);
  const weights = projection(probe, random);
  const directions = differentiable.map((variable) => projection(variable, random));
  // G(x) = Σᵢ <∂L/∂xᵢ, vᵢ>, with L = <fn(x), w>.
  const firstOrder = (values: readonly Tensor[], createGraph: boolean): Tensor => {
    const output = fn(...values);
    const live = values.filter((value) => value.requiresGrad);
    const grads = gradients(sum(mul(output, weights)), live, { createGraph });
    return grads.map((grad, index) => sum(mul(grad, directions[index] as Tensor))).reduce((total, term) => total.add(term));
  };
  const objective = firstOrder(variables, true);
  if (!objective.requiresGrad) {
    // The first derivative is constant: the second derivative is zero, which the numeric check confirms below.
  }
  const analytic = objective.requiresGrad ? gradients(objective, differentiable) : differentiable.map((v) => tensor64(new Float64Array(v.size), v.shape));
  variables.forEach((variable, which) => {
    if (!variable.requiresGrad) return;
    const base = Float64Array.from(variable.data);
    const numeric = new Float64Array(base.length);
    for (let i = 0; i < base.length; i++) {
      const at = (value: number): number => firstOrder(leaves(withValue(variables, which, i, value)), false).item();
      numeric[i] = (at((base[i] as number) + eps) - at((base[i] as number) - eps)) / (2 * eps);
    }
    const grad = analytic[differentiable.indexOf(variable)] as Tensor;
    compare(`gradgradcheck input ${which}`, grad.data, numeric, { atol: 1e-4, rtol: 1e-3, ...options });
  });
}
