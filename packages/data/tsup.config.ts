import { defineConfig } from 'tsup';
import shared from '../../tsup.shared';

// Entries mirror the `exports` map; the `node` entry keeps Node built-ins and cli-progress external.
export default defineConfig({
  ...shared,
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  external: [/^node:/, 'cli-progress'],
});
