// Whether ops record graph nodes; a module-level flag, like PyTorch's grad mode.
let enabled = true;

/**
 * Tells whether ops currently record the graph (false inside {@link noGrad}).
 *
 * @returns `true` when gradients are being tracked.
 *
 * @example
 * ```ts
 * import { isGradEnabled, noGrad } from '@nanograd/autograd';
 * noGrad(() => isGradEnabled()); // false
 * ```
 * @category Graph
 */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` without recording the graph: results do not require gradients. Use it for evaluation and for
 * parameter updates.
 *
 * @param fn - The work to run.
 * @returns What `fn` returns.
 *
 * @example
 * ```ts
 * import { mul, noGrad, tensor } from '@nanograd/autograd';
 * const w = tensor([1, 2], { requiresGrad: true });
 * noGrad(() => mul(w, 2)).requiresGrad; // false
 * ```
 * @category Graph
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/**
 * Runs `fn` with graph recording switched on or off, restoring the previous mode afterwards.
 *
 * @param on - Whether to record.
 * @param fn - The work to run.
 * @returns What `fn` returns.
 *
 * @example
 * ```ts
 * import { isGradEnabled, noGrad, withGradMode } from '@nanograd/autograd';
 * noGrad(() => withGradMode(true, () => isGradEnabled())); // true
 * ```
 * @category Graph
 */
export function withGradMode<T>(on: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
