import type { Random } from '@nanograd/kernels';

/** A uniformly random permutation of 0..n-1 (Fisher–Yates) drawn from `random`. */
export function permutation(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}
