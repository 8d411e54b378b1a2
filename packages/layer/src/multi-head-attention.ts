// Multi-head self-attention with query, key, value and output projections (PyTorch nn.MultiheadAttention, self only).
import { dropout, permute, reshape, scaledDotProductAttention, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import { Dense } from './dense';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link MultiHeadAttention}, besides the shared `dtype` and `name` (default `'multiHeadAttention'`).
 *
 * @example
 * ```ts
 * import type { MultiHeadAttentionOptions } from '@nanograd/layer';
 * const options: MultiHeadAttentionOptions = { causal: true, dropout: 0.1, dtype: 'f64' };
 * ```
 * @category Attention
 */
export interface MultiHeadAttentionOptions extends LayerOptions {
  /**
   * Let each position attend only to itself and earlier positions (a decoder, as in GPT).
   * @defaultValue false
   */
  readonly causal?: boolean;
  /**
   * Dropout probability applied to the output projection in training mode, in `[0, 1)`.
   * @defaultValue 0
   */
  readonly dropout?: number;
  /**
   * Give the four projections a bias.
   * @defaultValue true
   */
  readonly useBias?: boolean;
}

/**
 * Multi-head self-attention: projects `x` to queries, keys and values, attends within each of `numHeads` heads
 * of width `embedDim / numHeads` with `softmax(q kᵀ / √d) v`, concatenates the heads and projects back.
 *
 * @remarks
 * The projections are {@link Dense} layers named `query`, `key`, `value` and `output`, each `embedDim → embedDim`
 * with Dense's default (Glorot uniform) initialisation. Attention itself is autograd's `scaledDotProductAttention`; with
 * `causal` a position gets exactly zero weight (and zero gradient) from later positions. `dropout` is applied to
 * the result of the output projection in training mode (nanoGPT's residual dropout); the attention weights
 * themselves are not dropped, since `scaledDotProductAttention` exposes no dropout.
 *
 * @example
 * ```ts
 * import { MultiHeadAttention } from '@nanograd/layer';
 * import { randn } from '@nanograd/autograd';
 * const attention = new MultiHeadAttention(8, 2, { causal: true });
 * attention.forward(randn([3, 5, 8])).shape; // [3, 5, 8]
 * ```
 * @category Attention
 */
export class MultiHeadAttention extends Module {
  /** Width of the input and output (the model dimension). */
  readonly embedDim: number;
  /** Number of attention heads. */
  readonly numHeads: number;
  /** Width of one head, `embedDim / numHeads`. */
  readonly headDim: number;
  /** Whether positions attend only to themselves and earlier positions. */
  readonly causal: boolean;
  /** Dropout probability on the output in training mode. */
  readonly dropout: number;
  /** The query projection, `embedDim → embedDim`. */
  readonly query: Dense;
  /** The key projection, `embedDim → embedDim`. */
  readonly key: Dense;
  /** The value projection, `embedDim → embedDim`. */
  readonly value: Dense;
  /** The output projection applied to the concatenated heads, `embedDim → embedDim`. */
  readonly output: Dense;

  /**
   * @param embedDim - Width of the input and output, a positive integer divisible by `numHeads`.
   * @param numHeads - Number of heads, a positive integer.
   * @param options - `causal`, `dropout`, `useBias`, `dtype`, `name`.
   * @throws {@link ShapeError} If `embedDim` is not divisible by `numHeads`.
   * @throws RangeError If a size is not a positive integer or `dropout` is outside `[0, 1)`.
   */
  constructor(embedDim: number, numHeads: number, options: MultiHeadAttentionOptions = {}) {
    super(options.name ?? 'multiHeadAttention');
    for (const [label, size] of [['embedDim', embedDim], ['numHeads', numHeads]] as const) {
      if (!Number.isInteger(size) || size < 1) throw new RangeError(`MultiHeadAttention '${this.name}': ${label} must be a positive integer (got ${size})`);
    }
    if (embedDim % numHeads !== 0) {
      throw new ShapeError(`MultiHeadAttention '${this.name}': embedDim ${embedDim} is not divisible by numHeads ${numHeads}`);
    }
    const probability = options.dropout ?? 0;
    if (!(probability >= 0 && probability < 1)) throw new RangeError(`MultiHeadAttention '${this.name}': dropout must be in [0, 1) (got ${probability})`);
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.causal = options.causal ?? false;
    this.dropout = probability;
    const projection = { useBias: options.useBias ?? true, dtype: options.dtype ?? 'f32' } as const;
    this.query = this.registerModule('query', new Dense(embedDim, embedDim, { ...projection, name: 'query' }));
    this.key = this.registerModule('key', new Dense(embedDim, embedDim, { ...projection, name: 'key' }));
    this.value = this.registerModule('value', new Dense(embedDim, embedDim, { ...projection, name: 'value' }));
    this.output = this.registerModule('output', new Dense(embedDim, embedDim, { ...projection, name: 'output' }));
  }

  /**
   * Self-attention over the positions of `x`.
   *
   * @param x - Input `(B, T, embedDim)` or, unbatched, `(T, embedDim)`.
   * @returns A tensor with the shape of `x`.
   * @throws {@link ShapeError} If `x` is not rank 2 or 3 or its last axis is not `embedDim`.
   */
  forward(x: Tensor): Tensor {
    if ((x.rank !== 2 && x.rank !== 3) || x.shape[x.rank - 1] !== this.embedDim) {
      throw new ShapeError(`MultiHeadAttention '${this.name}': input ${formatShape(x.shape)} must be (B, T, ${this.embedDim}) or (T, ${this.embedDim})`);
    }
    const lead = x.shape.slice(0, -1);
    // (…, T, C) → (…, H, T, D): heads become a batch axis of the attention.
    const headsFirst = x.rank === 3 ? [0, 2, 1, 3] : [1, 0, 2];
    const split = (projected: Tensor): Tensor => permute(reshape(projected, [...lead, this.numHeads, this.headDim]), headsFirst);
    const attended = scaledDotProductAttention(split(this.query.forward(x)), split(this.key.forward(x)), split(this.value.forward(x)), { causal: this.causal });
    // The permutation is its own inverse: (…, H, T, D) → (…, T, H, D), then the heads are concatenated.
    const merged = reshape(permute(attended, headsFirst), x.shape);
    return dropout(this.output.forward(merged), { p: this.dropout, training: this.training });
  }

  /** The model dimension, `embedDim`. */
  override get inputSize(): number {
    return this.embedDim;
  }

  /** The model dimension, `embedDim`. */
  override get outputSize(): number {
    return this.embedDim;
  }
}
