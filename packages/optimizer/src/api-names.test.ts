// The public names fixed for this package (the Scheme egg's procedures and the Python references' additions).
import { describe, expect, it } from 'vitest';
import * as api from './index';

const required = ['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'StepLR', 'ExponentialLR', 'CosineAnnealingLR', 'CosineWarmupLR', 'OneCycleLR', 'clipGradNorm', 'clipGradValue'];

describe('public names', () => {
  it.each(required)('exports %s', (name) => {
    expect(name in api, `${name} is missing from @nanograd/optimizer`).toBe(true);
  });
});
