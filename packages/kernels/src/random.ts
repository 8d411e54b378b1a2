/**
 * A `Random` generator's position, as `getState` returns it.
 *
 * @example
 * ```ts
 * import { Random, type RandomState } from '@nanograd/kernels';
 * const saved: RandomState = new Random(7).getState();
 * saved.state; // 7
 * ```
 * @category Random
 */
export interface RandomState {
  /** The Mulberry32 counter. */
  readonly state: number;
  /** A second Box–Muller normal waiting to be returned, or null. */
  readonly spareNormal: number | null;
}

/**
 * A seeded pseudo-random generator (Mulberry32 for uniforms, Box–Muller for normals): the same seed gives
 * the same sequence on every platform.
 *
 * @example
 * ```ts
 * import { Random } from '@nanograd/kernels';
 * const random = new Random(42);
 * random.uniform(); // a number in [0, 1)
 * ```
 * @category Random
 */
export class Random {
  private state: number;
  private spareNormal: number | null = null;

  /** Starts a sequence from `seed` (any integer). */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns the next uniform number in `[0, 1)`. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns the next standard normal number (mean 0, variance 1). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * The generator's position, plain JSON: `setState` with it continues the exact same sequence.
   *
   * @returns The state.
   */
  getState(): RandomState {
    return { state: this.state, spareNormal: this.spareNormal };
  }

  /**
   * Moves the generator to a position saved by `getState`.
   *
   * @param saved - A state from `getState`.
   */
  setState(saved: RandomState): void {
    this.state = saved.state >>> 0;
    this.spareNormal = saved.spareNormal;
  }

  /** Returns a uniform integer in `[0, n)`. */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fills `out` with uniforms in `[low, high)` and returns it. */
  fillUniform<A extends Float32Array | Float64Array>(out: A, low = 0, high = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.uniform();
    return out;
  }

  /** Fills `out` with normals of the given mean and standard deviation and returns it. */
  fillNormal<A extends Float32Array | Float64Array>(out: A, mean = 0, std = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }
}
