import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Example smoke tests train real models: allow for a loaded 2-core CI machine.
export default mergeConfig(shared, { test: { testTimeout: 240_000 } });
