// The public names fixed for this package (the Scheme egg's procedures and the Python references' additions).
import { describe, expect, it } from 'vitest';
import * as api from './index';

const required = ['tensor32', 'tensor64', 'tensor', 'isTensor', 'isTensor32', 'isTensor64', 'add', 'sub', 'mul', 'div', 'safeDiv', 'matmul', 'dot', 'scale', 'reduce', 'sum', 'prod', 'mean', 'var', 'slice', 'reshape', 'flatten', 'squeeze', 'transpose', 'permute', 'relu', 'tanh', 'sigmoid', 'sigmoidStable', 'softmax', 'logSoftmax', 'leakyRelu', 'softplus', 'gelu', 'silu', 'mseLoss', 'crossEntropyLoss', 'nllLoss', 'binaryCrossEntropy', 'bceWithLogits', 'rmsnorm', 'layerNorm', 'batchNorm', 'l2Normalize', 'cosineSimilarity', 'conv2d', 'maxPool2d', 'avgPool2d', 'globalAvgPool2d', 'embedding', 'dropout', 'scaledDotProductAttention', 'setBackwardFn', 'logsumexp', 'zeroGrad', 'backward', 'addToGrad', 'toList', 'printTensor', 'formatTensor', 'noGrad', 'detach', 'grad', 'valueAndGrad', 'vjp', 'jvp', 'hvp', 'hessian', 'jacobian', 'customVjp', 'sqrt', 'abs', 'maximum', 'minimum', 'clamp', 'where', 'pow', 'neg', 'exp', 'log', 'max', 'min', 'argmax', 'unsqueeze', 'narrow', 'concat', 'stack', 'pad', 'gather', 'indexSelect', 'broadcastTo', 'zeros', 'ones', 'full', 'arange', 'eye', 'rand', 'randn', 'oneHot', 'manualSeed'];

describe('public names', () => {
  it.each(required)('exports %s', (name) => {
    expect(name in api, `${name} is missing from @nanograd/autograd`).toBe(true);
  });
});
