// Shared tsup settings: ESM-only bundles with declarations, one entry per `exports` subpath.
import type { Options } from 'tsup';

const shared: Options = {
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  // TypeScript 6 deprecates baseUrl, which tsup's dts build sets internally.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  treeshake: true,
};

export default shared;
