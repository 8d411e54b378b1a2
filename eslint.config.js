// Lint: typescript-eslint's recommended rules plus the package wall (no deep imports across packages).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/api/**', '**/.turbo/**', '**/.vitest/**', '**/.examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nanograd/*/src/*', '@nanograd/*/dist/*'], message: 'Import packages through their exports map.' },
            { group: ['../../*/src/*'], message: 'Import other packages by name, not by path.' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Core packages run in browsers too: Node-only modules and globals stay in tests, benches and scripts.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts', '**/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'url', 'zlib', 'worker_threads', 'crypto'], message: 'Core packages must not import Node-only modules outside a node/ entry point.' },
            { group: ['@nanograd/*/src/*', '@nanograd/*/dist/*'], message: 'Import packages through their exports map.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', '__filename', 'require'],
    },
  },
);
