// Shared vitest settings: tests run on TypeScript sources through the @nanograd/source condition, no build.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@nanograd/source'] },
  ssr: { resolve: { conditions: ['@nanograd/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // A JSON report per package lets .ci/run print one "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/report.json' },
    testTimeout: 120_000,
    // Loading the 60,000 MNIST images in a beforeAll takes seconds, more on a loaded 2-core CI machine.
    hookTimeout: 120_000,
  },
});
