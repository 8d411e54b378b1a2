import { defineConfig } from 'tsup';
import shared from '../../tsup.shared';

// Entries mirror the `exports` map; `testing` needs vitest, which stays a peer dependency.
export default defineConfig({ ...shared, entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', wasm: 'src/wasm/index.ts' }, external: ['vitest'] });
