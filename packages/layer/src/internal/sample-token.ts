// Drawing the next token from a row of logits: greedy, temperature and top-k sampling.
import type { Random } from '@nanograd/kernels';

/**
 * Picks a token index from `logits`: the first arg-max for `temperature` 0, otherwise a draw from
 * `softmax(logits / temperature)` restricted to the `topK` largest logits (ties with the k-th value are kept).
 *
 * @param logits - Unnormalised scores of each token.
 * @param temperature - Non-negative; 0 means greedy.
 * @param topK - Keep only this many candidates (undefined: all).
 * @param random - Source of the uniform draw.
 * @returns The chosen index.
 * @internal
 */
export function sampleToken(logits: ArrayLike<number>, temperature: number, topK: number | undefined, random: Random): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if ((logits[i] as number) > (logits[best] as number)) best = i;
  if (temperature === 0) return best;
  const values = Array.from(logits);
  const threshold = topK === undefined || topK >= values.length ? -Infinity : ([...values].sort((a, b) => b - a)[topK - 1] as number);
  const top = values[best] as number;
  // Subtracting the maximum keeps exp finite whatever the temperature.
  const weights = values.map((value) => (value < threshold ? 0 : Math.exp((value - top) / temperature)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let remaining = random.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    remaining -= weights[i] as number;
    if (remaining < 0) return i;
  }
  return best;
}
