// The pre-norm transformer block of GPT-2: attention and an MLP, each on a normalised residual branch.
import { add, dropout, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import { GELU } from './activations';
import { Dense } from './dense';
import type { LayerOptions } from './layer-options';
import { LayerNorm } from './layer-norm';
import { Module } from './module';
import { MultiHeadAttention } from './multi-head-attention';
import { Sequential } from './sequential';

/**
 * Options of {@link Block}, besides the shared `dtype` and `name` (default `'block'`).
 *
 * @example
 * ```ts
 * import type { BlockOptions } from '@nanograd/layer';
 * const options: BlockOptions = { mlpRatio: 4, dropout: 0.1, causal: true };
 * ```
 * @category Attention
 */
export interface BlockOptions extends LayerOptions {
  /**
   * Width of the MLP's hidden layer as a multiple of `embedDim`, a positive integer.
   * @defaultValue 4
   */
  readonly mlpRatio?: number;
  /**
   * Dropout probability on each residual branch in training mode, in `[0, 1)`.
   * @defaultValue 0
   */
  readonly dropout?: number;
  /**
   * Causal attention (each position sees only itself and earlier ones).
   * @defaultValue true
   */
  readonly causal?: boolean;
}

/**
 * A pre-norm transformer block as in GPT-2: `x + attention(ln1(x))`, then `x + mlp(ln2(x))` with
 * `mlp = Dense(C, mlpRatio·C) → GELU → Dense(mlpRatio·C, C)`.
 *
 * @remarks
 * Children, in order: `ln1` ({@link LayerNorm}), `attention` ({@link MultiHeadAttention}), `ln2`, and `mlp` (a
 * {@link Sequential} of the two {@link Dense} layers around an exact, erf-based {@link GELU}, as PyTorch's
 * `nn.GELU()` and nanoGPT; GPT-2 used the tanh approximation). `dropout` acts on the output of each branch before
 * it is added back, in training mode only.
 *
 * @example
 * ```ts
 * import { Block } from '@nanograd/layer';
 * import { randn } from '@nanograd/autograd';
 * new Block(8, 2).forward(randn([1, 5, 8])).shape; // [1, 5, 8]
 * ```
 * @category Attention
 */
export class Block extends Module {
  /** Width of the input and output. */
  readonly embedDim: number;
  /** Dropout probability on each residual branch in training mode. */
  readonly dropout: number;
  /** Normalisation before attention. */
  readonly ln1: LayerNorm;
  /** Multi-head self-attention. */
  readonly attention: MultiHeadAttention;
  /** Normalisation before the MLP. */
  readonly ln2: LayerNorm;
  /** The position-wise MLP: `Dense(C, mlpRatio·C)`, `GELU`, `Dense(mlpRatio·C, C)`. */
  readonly mlp: Sequential;

  /**
   * @param embedDim - Width of the input and output, a positive integer divisible by `numHeads`.
   * @param numHeads - Number of attention heads.
   * @param options - `mlpRatio`, `dropout`, `causal`, `dtype`, `name`.
   * @throws {@link ShapeError} If `embedDim` is not divisible by `numHeads`.
   * @throws RangeError If a size is not a positive integer or `dropout` is outside `[0, 1)`.
   */
  constructor(embedDim: number, numHeads: number, options: BlockOptions = {}) {
    super(options.name ?? 'block');
    if (!Number.isInteger(embedDim) || embedDim < 1) throw new RangeError(`Block '${this.name}': embedDim must be a positive integer (got ${embedDim})`);
    const mlpRatio = options.mlpRatio ?? 4;
    if (!Number.isInteger(mlpRatio) || mlpRatio < 1) throw new RangeError(`Block '${this.name}': mlpRatio must be a positive integer (got ${mlpRatio})`);
    const probability = options.dropout ?? 0;
    if (!(probability >= 0 && probability < 1)) throw new RangeError(`Block '${this.name}': dropout must be in [0, 1) (got ${probability})`);
    this.embedDim = embedDim;
    this.dropout = probability;
    const dtype = options.dtype ?? 'f32';
    this.ln1 = this.registerModule('ln1', new LayerNorm(embedDim, { dtype, name: 'ln1' }));
    this.attention = this.registerModule(
      'attention',
      new MultiHeadAttention(embedDim, numHeads, { causal: options.causal ?? true, dropout: probability, dtype, name: 'attention' }),
    );
    this.ln2 = this.registerModule('ln2', new LayerNorm(embedDim, { dtype, name: 'ln2' }));
    const hidden = mlpRatio * embedDim;
    this.mlp = this.registerModule(
      'mlp',
      new Sequential([new Dense(embedDim, hidden, { dtype, name: 'expand' }), new GELU(), new Dense(hidden, embedDim, { dtype, name: 'project' })], { name: 'mlp' }),
    );
  }

  /**
   * Applies the attention and MLP branches with their residual connections.
   *
   * @param x - Input `(B, T, embedDim)` or `(T, embedDim)`.
   * @returns A tensor with the shape of `x`.
   * @throws {@link ShapeError} If `x` is not rank 2 or 3 or its last axis is not `embedDim`.
   */
  forward(x: Tensor): Tensor {
    if ((x.rank !== 2 && x.rank !== 3) || x.shape[x.rank - 1] !== this.embedDim) {
      throw new ShapeError(`Block '${this.name}': input ${formatShape(x.shape)} must be (B, T, ${this.embedDim}) or (T, ${this.embedDim})`);
    }
    // The attention branch applies its own dropout to its output.
    const attended = add(x, this.attention.forward(this.ln1.forward(x)));
    return add(attended, dropout(this.mlp.forward(this.ln2.forward(attended)), { p: this.dropout, training: this.training }));
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
