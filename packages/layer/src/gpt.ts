// A GPT-2 style decoder-only language model: embeddings, causal transformer blocks, and a vocabulary head.
import { add, arange, assign, dropout, matmul, noGrad, rand, randn, tensor, transpose, zeros, Tensor } from '@nanograd/autograd';
import { DTypeError, formatShape, Random, ShapeError } from '@nanograd/kernels';
import { Block } from './block';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { sampleToken } from './internal/sample-token';
import type { LayerOptions } from './layer-options';
import { LayerNorm } from './layer-norm';
import { Module } from './module';
import { Sequential } from './sequential';

/**
 * Configuration of {@link GPT}, besides the shared `dtype` and `name` (default `'gpt'`).
 *
 * @example
 * ```ts
 * import type { GPTOptions } from '@nanograd/layer';
 * const options: GPTOptions = { vocabSize: 65, blockSize: 32, embedDim: 64, numHeads: 4, numLayers: 2 };
 * ```
 * @category Attention
 */
export interface GPTOptions extends LayerOptions {
  /** Number of distinct tokens. */
  readonly vocabSize: number;
  /** Longest context, the number of learned positions. */
  readonly blockSize: number;
  /** Model width, divisible by `numHeads`. */
  readonly embedDim: number;
  /** Attention heads per block. */
  readonly numHeads: number;
  /** Number of transformer blocks. */
  readonly numLayers: number;
  /**
   * Dropout probability after the embeddings and on every residual branch in training mode, in `[0, 1)`.
   * @defaultValue 0
   */
  readonly dropout?: number;
  /**
   * Share the token embedding table with the output head (GPT-2 does): logits are `h · tokenEmbeddingᵀ`.
   * @defaultValue false
   */
  readonly tieWeights?: boolean;
}

/**
 * Options of {@link GPT.generate}.
 *
 * @example
 * ```ts
 * import type { GenerateOptions } from '@nanograd/layer';
 * const options: GenerateOptions = { maxNewTokens: 20, temperature: 0.8, topK: 10, seed: 1 };
 * ```
 * @category Attention
 */
export interface GenerateOptions {
  /** How many tokens to append, a non-negative integer. */
  readonly maxNewTokens: number;
  /**
   * Divides the logits before the softmax: below 1 sharpens, above 1 flattens; 0 picks the most likely token
   * (greedy decoding, the first arg-max on ties).
   * @defaultValue 1
   */
  readonly temperature?: number;
  /** Sample only among the `topK` most likely tokens (ties with the k-th are kept); omitted: all. */
  readonly topK?: number;
  /** Seed of the sampling; omitted: a seed drawn from autograd's generator, so `manualSeed` also fixes it. */
  readonly seed?: number;
}

/**
 * A GPT-2 style language model: token and learned position embeddings, `numLayers` causal pre-norm
 * {@link Block}s, a final {@link LayerNorm} and a linear head to vocabulary logits.
 *
 * @remarks
 * Children, in order: `tokenEmbedding` (`vocabSize × embedDim`), `positionEmbedding` (`blockSize × embedDim`),
 * `blocks` (a {@link Sequential} of {@link Block}), `finalNorm`, and `head` ({@link Dense} `embedDim → vocabSize`
 * without bias, absent with `tieWeights`). Initialisation follows GPT-2 / nanoGPT rather than PyTorch defaults:
 * embeddings and dense weights are normal with standard deviation 0.02, the projections that feed a residual
 * connection (each attention `output` and the second MLP layer) use `0.02 / √(2·numLayers)`, dense biases are zero
 * and the layer norms start as identities.
 *
 * @example
 * ```ts
 * import { GPT } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * const model = new GPT({ vocabSize: 5, blockSize: 4, embedDim: 8, numHeads: 2, numLayers: 1 });
 * model.forward(tensor([[0, 1, 2]], { dtype: 'i32' })).shape; // [1, 3, 5]
 * model.generate([0, 1], { maxNewTokens: 3, seed: 0 }).length; // 5
 * ```
 * @category Attention
 */
export class GPT extends Module {
  /** Number of distinct tokens. */
  readonly vocabSize: number;
  /** Longest context the model accepts. */
  readonly blockSize: number;
  /** Model width. */
  readonly embedDim: number;
  /** Dropout probability after the embeddings in training mode (the blocks have their own). */
  readonly dropout: number;
  /** The token embedding table, `vocabSize × embedDim`. */
  readonly tokenEmbedding: Embedding;
  /** The learned position embedding table, `blockSize × embedDim`. */
  readonly positionEmbedding: Embedding;
  /** The transformer blocks, applied in order. */
  readonly blocks: Sequential;
  /** Normalisation before the head. */
  readonly finalNorm: LayerNorm;
  /** The output projection to logits, or null when tied to {@link GPT.tokenEmbedding}. */
  readonly head: Dense | null;

  /**
   * @param options - The sizes (`vocabSize`, `blockSize`, `embedDim`, `numHeads`, `numLayers`), `dropout`,
   *   `tieWeights`, `dtype` and `name`.
   * @throws {@link ShapeError} If `embedDim` is not divisible by `numHeads`.
   * @throws RangeError If a size is not a positive integer or `dropout` is outside `[0, 1)`.
   */
  constructor(options: GPTOptions) {
    super(options.name ?? 'gpt');
    const { vocabSize, blockSize, embedDim, numHeads, numLayers } = options;
    const sizes = { vocabSize, blockSize, embedDim, numHeads, numLayers };
    for (const [label, size] of Object.entries(sizes)) {
      if (!Number.isInteger(size) || size < 1) throw new RangeError(`GPT '${this.name}': ${label} must be a positive integer (got ${size})`);
    }
    const probability = options.dropout ?? 0;
    if (!(probability >= 0 && probability < 1)) throw new RangeError(`GPT '${this.name}': dropout must be in [0, 1) (got ${probability})`);
    this.vocabSize = vocabSize;
    this.blockSize = blockSize;
    this.embedDim = embedDim;
    this.dropout = probability;
    const dtype = options.dtype ?? 'f32';
    this.tokenEmbedding = this.registerModule('tokenEmbedding', new Embedding(vocabSize, embedDim, { dtype, name: 'tokenEmbedding' }));
    this.positionEmbedding = this.registerModule('positionEmbedding', new Embedding(blockSize, embedDim, { dtype, name: 'positionEmbedding' }));
    const blocks = Array.from({ length: numLayers }, (_, index) => new Block(embedDim, numHeads, { dropout: probability, dtype, name: `block${index}` }));
    this.blocks = this.registerModule('blocks', new Sequential(blocks, { name: 'blocks' }));
    this.finalNorm = this.registerModule('finalNorm', new LayerNorm(embedDim, { dtype, name: 'finalNorm' }));
    this.head = options.tieWeights === true ? null : this.registerModule('head', new Dense(embedDim, vocabSize, { useBias: false, dtype, name: 'head' }));
    this.#initialize(blocks, numLayers);
  }

  #initialize(blocks: readonly Block[], numLayers: number): void {
    const normal = (target: Tensor, std: number): void => {
      assign(target, randn(target.shape, { dtype: 'f64' }).mul(std));
    };
    const residual = new Set<Module | undefined>(blocks.flatMap((block) => [block.attention.output, block.mlp.namedChildren().at(-1)?.[1]]));
    for (const [, module] of this.namedModules()) {
      if (module instanceof Embedding) normal(module.weight, 0.02);
      if (module instanceof Dense) {
        normal(module.weight, residual.has(module) ? 0.02 / Math.sqrt(2 * numLayers) : 0.02);
        if (module.bias !== null) assign(module.bias, zeros(module.bias.shape));
      }
    }
  }

  /**
   * Computes next-token logits at every position.
   *
   * @param indices - Token ids, `i32` of shape `(B, T)` or `(T)`, with `T ≤ blockSize`.
   * @returns Logits `(B, T, vocabSize)` or `(T, vocabSize)`: row `t` scores the token that follows position `t`.
   * @throws {@link ShapeError} If `indices` is not rank 1 or 2, is empty along T, `T` exceeds `blockSize`, or an id
   *   is outside `[0, vocabSize)`.
   * @throws {@link DTypeError} If `indices` is not `i32`.
   */
  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'i32') throw new DTypeError(`GPT '${this.name}': indices must be i32 token ids (got ${indices.dtype} ${formatShape(indices.shape)})`);
    if (indices.rank !== 1 && indices.rank !== 2) {
      throw new ShapeError(`GPT '${this.name}': indices ${formatShape(indices.shape)} must be (B, T) or (T)`);
    }
    const steps = indices.shape[indices.rank - 1] as number;
    if (steps < 1 || steps > this.blockSize) {
      throw new ShapeError(`GPT '${this.name}': sequence length ${steps} of indices ${formatShape(indices.shape)} must be in [1, blockSize ${this.blockSize}]`);
    }
    const positions = arange(steps, undefined, 1, { dtype: 'i32' });
    let hidden = add(this.tokenEmbedding.forward(indices), this.positionEmbedding.forward(positions));
    hidden = dropout(hidden, { p: this.dropout, training: this.training });
    hidden = this.finalNorm.forward(this.blocks.forward(hidden));
    return this.head === null ? matmul(hidden, transpose(this.tokenEmbedding.weight, 0, 1)) : this.head.forward(hidden);
  }

  /**
   * Extends a prompt token by token: each step runs the model on the last `blockSize` tokens and draws the next
   * one from `softmax(logits / temperature)` over the `topK` most likely tokens (greedy for temperature 0).
   *
   * @remarks
   * Runs in evaluation mode (no dropout) under `noGrad`, then restores training mode if it was on. The same
   * prompt, options and seed give the same tokens.
   *
   * @param prompt - Token ids: an array or typed array, or an `i32` tensor of shape `(T)` or `(1, T)`; at least one token.
   * @param options - `maxNewTokens`, `temperature` (default 1), `topK`, `seed`.
   * @returns The prompt followed by `maxNewTokens` generated ids, as plain numbers.
   * @throws {@link ShapeError} If the prompt is empty, not a single sequence, or holds an id outside `[0, vocabSize)`.
   * @throws RangeError If `maxNewTokens` is not a non-negative integer, `temperature` is negative or not finite,
   *   or `topK` is not a positive integer.
   */
  generate(prompt: Tensor | ArrayLike<number>, options: GenerateOptions): number[] {
    const { maxNewTokens, temperature = 1, topK } = options;
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) throw new RangeError(`GPT '${this.name}'.generate: maxNewTokens must be a non-negative integer (got ${maxNewTokens})`);
    if (!(temperature >= 0 && Number.isFinite(temperature))) throw new RangeError(`GPT '${this.name}'.generate: temperature must be finite and non-negative (got ${temperature})`);
    if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) throw new RangeError(`GPT '${this.name}'.generate: topK must be a positive integer (got ${topK})`);
    const tokens = this.#promptTokens(prompt);
    const random = new Random(options.seed ?? Math.floor((rand([1], { dtype: 'f64' }).data[0] as number) * 2 ** 32));
    const wasTraining = this.training;
    this.eval();
    try {
      noGrad(() => {
        for (let step = 0; step < maxNewTokens; step++) {
          const context = tokens.slice(-this.blockSize);
          const logits = this.forward(tensor(context, { dtype: 'i32' })).data;
          const last = logits.subarray((context.length - 1) * this.vocabSize, context.length * this.vocabSize);
          tokens.push(sampleToken(last, temperature, topK, random));
        }
      });
    } finally {
      this.train(wasTraining);
    }
    return tokens;
  }

  #promptTokens(prompt: Tensor | ArrayLike<number>): number[] {
    const isTensor = prompt instanceof Tensor;
    const shape = isTensor ? prompt.shape : [prompt.length];
    const single = shape.length === 1 || (shape.length === 2 && shape[0] === 1);
    if (!single || shape[shape.length - 1] === 0) {
      throw new ShapeError(`GPT '${this.name}'.generate: the prompt ${formatShape(shape)} must be one non-empty sequence, (T) or (1, T)`);
    }
    const tokens = Array.from(isTensor ? prompt.data : prompt);
    const bad = tokens.findIndex((token) => !Number.isInteger(token) || token < 0 || token >= this.vocabSize);
    if (bad >= 0) throw new ShapeError(`GPT '${this.name}'.generate: prompt token ${tokens[bad]} at position ${bad} is outside [0, ${this.vocabSize})`);
    return tokens;
  }
}
