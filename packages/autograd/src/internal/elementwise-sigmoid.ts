// The logistic VJP shared by sigmoid and sigmoidStable.
import type { VjpRule } from '../graph/define-op';
import { mul } from '../ops/elementwise/mul';
import { sub } from '../ops/elementwise/sub';

/** dσ/dx = σ·(1 − σ), read from the output so it differentiates again. */
export const sigmoidVjp: VjpRule<void> = (grad, { output }) => [mul(grad, mul(output, sub(1, output)))];
