// The public names fixed for this package (the Scheme egg's procedures and the Python references' additions).
import { describe, expect, it } from 'vitest';
import * as api from './index';

const required = ['DataLoader', 'TensorDataset', 'CharTokenizer', 'Trainer', 'accuracy', 'trainValidationSplit'];

describe('public names', () => {
  it.each(required)('exports %s', (name) => {
    expect(name in api, `${name} is missing from @nanograd/data`).toBe(true);
  });
});
