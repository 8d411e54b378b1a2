import { defineConfig } from 'tsup';
import shared from '../../tsup.shared';

// Entries mirror the `exports` map; the `node` entry imports Node built-ins, which stay external.
export default defineConfig({ ...shared, entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' }, external: [/^node:/] });
