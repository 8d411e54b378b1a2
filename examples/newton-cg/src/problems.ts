// Test problems: L2-regularised logistic regression on seeded synthetic data, and the extended Rosenbrock function.
import { add, bceWithLogits, manualSeed, matmul, mul, randn, reshape, square, sub, sum, tensor, greater, cast, narrow, type Tensor } from '@nanograd/autograd';

/** A logistic-regression objective over `samples` points in `features` dimensions, plus its data. */
export function logisticRegression(samples: number, features: number, seed = 0): { f: (w: Tensor) => Tensor; x0: Tensor } {
  manualSeed(seed);
  const inputs = randn([samples, features], { dtype: 'f64' });
  const truth = randn([features, 1], { dtype: 'f64' });
  // Noisy labels keep the optimum finite (separable data would push the weights to infinity).
  const logits = add(matmul(inputs, truth), randn([samples, 1], { dtype: 'f64' }));
  const labels = cast(greater(logits, 0), 'f64');
  const lambda = 1e-3;
  const f = (w: Tensor): Tensor =>
    add(bceWithLogits(matmul(inputs, reshape(w, [features, 1])), labels), mul(sum(square(w)), lambda / 2));
  return { f, x0: tensor(new Float64Array(features), { dtype: 'f64' }) };
}

/** The extended Rosenbrock function Σ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)², minimum 0 at all ones. */
export function rosenbrock(dimension: number): { f: (x: Tensor) => Tensor; x0: Tensor } {
  const f = (x: Tensor): Tensor => {
    const pairs = reshape(x, [dimension / 2, 2]);
    const odd = narrow(pairs, 1, 0, 1);
    const even = narrow(pairs, 1, 1, 1);
    return add(mul(sum(square(sub(even, square(odd)))), 100), sum(square(sub(odd, 1))));
  };
  const start = Array.from({ length: dimension }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
  return { f, x0: tensor(start, { dtype: 'f64' }) };
}
