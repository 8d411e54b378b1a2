// The public names fixed for this package (the Scheme egg's procedures and the Python references' additions).
import { describe, expect, it } from 'vitest';
import * as api from './index';

const required = ['Module', 'Dense', 'Conv2d', 'BatchNorm2d', 'BatchNorm1d', 'Flatten', 'globalAvgPool2d', 'GlobalAvgPool2d', 'MaxPool2d', 'AvgPool2d', 'Dropout', 'LayerNorm', 'RMSNorm', 'Embedding', 'MultiHeadAttention', 'Block', 'GPT', 'Residual', 'Sequential', 'forward', 'parameters', 'setTrainingMode', 'setEvalMode', 'ReLU', 'Tanh', 'Sigmoid', 'GELU', 'SiLU', 'Identity', 'LeakyReLU', 'Softplus', 'printLayer', 'summary', 'glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'xavierUniform', 'xavierNormal', 'kaimingUniform', 'kaimingNormal'];

describe('public names', () => {
  it.each(required)('exports %s', (name) => {
    expect(name in api, `${name} is missing from @nanograd/layer`).toBe(true);
  });
});
