/**
 * Neural-network layers for nanograd: the Module base, dense, convolution, normalisation, attention and GPT
 * layers, model summaries, and saving and loading state.
 *
 * @example
 * ```ts
 * import { Dense, ReLU, Sequential, summary } from '@nanograd/layer';
 * const model = new Sequential([new Dense(784, 128, { activation: new ReLU() }), new Dense(128, 10)]);
 * model.parameterCount(); // 101770
 * ```
 *
 * @packageDocumentation
 */

// The module system.
export type { StateDict, LoadStateDictOptions } from './module';
export { Module } from './module';
export { StateDictError } from './state-dict-error';
export { forward, parameters, setTrainingMode, setEvalMode } from './module-functions';

// Initialisation arithmetic.
export type { Fans, Nonlinearity } from './fans';
export { computeFans, calculateGain } from './fans';

// Activations, initialisers and the classic layers.
export type { LayerNameOptions, LayerOptions } from './layer-options';
export type { ActivationName, ActivationSpec, GELUOptions, LeakyReLUOptions, SoftplusLayerOptions } from './activations';
export { Activation, ReLU, Tanh, Sigmoid, GELU, SiLU, Identity, LeakyReLU, Softplus, resolveActivation } from './activations';
export type { InitOptions, GlorotOptions, HeOptions } from './init';
export { glorotUniform, glorotNormal, heUniform, heNormal, xavierUniform, xavierNormal, kaimingUniform, kaimingNormal } from './init';
export type { DenseOptions } from './dense';
export { Dense } from './dense';
export type { Conv2dLayerOptions } from './conv2d';
export { Conv2d } from './conv2d';
export type { BatchNormLayerOptions } from './batch-norm';
export { BatchNorm, BatchNorm1d, BatchNorm2d } from './batch-norm';
export { Flatten } from './flatten';
export type { Pool2dLayerOptions } from './pooling';
export { MaxPool2d, AvgPool2d, GlobalAvgPool2d } from './pooling';
export { globalAvgPool2d } from '@nanograd/autograd';
export { Dropout } from './dropout';
export { Sequential } from './sequential';
export type { ResidualOptions } from './residual';
export { Residual } from './residual';
export type { SummaryOptions, SummaryRow } from './summary';
export { summary, formatSummary, summaryRows, printLayer, formatLayer } from './summary';

// Normalisation, embeddings, attention and the GPT model.
export type { LayerNormOptions } from './layer-norm';
export { LayerNorm } from './layer-norm';
export type { RMSNormOptions } from './rms-norm';
export { RMSNorm } from './rms-norm';
export type { EmbeddingOptions } from './embedding';
export { Embedding } from './embedding';
export type { MultiHeadAttentionOptions } from './multi-head-attention';
export { MultiHeadAttention } from './multi-head-attention';
export type { BlockOptions } from './block';
export { Block } from './block';
export type { GPTOptions, GenerateOptions } from './gpt';
export { GPT } from './gpt';

// The errors layers throw, re-exported so `{@link ShapeError}` resolves in this package's docs.
export { ShapeError, DTypeError } from '@nanograd/autograd';

// Saving and loading state: safetensors (PyTorch-compatible) and JSON; file helpers live in '@nanograd/layer/node'.
export type { EncodeSafetensorsOptions, DecodeSafetensorsOptions, DecodedSafetensors, LoadStateOptions } from './safetensors';
export { encodeSafetensors, decodeSafetensors, saveState, loadState } from './safetensors';
export type { JsonNumber, TensorJson, StateDictJson } from './state-json';
export { stateDictToJson, stateDictFromJson } from './state-json';
