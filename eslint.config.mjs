// Lint rules, including the layering rules that keep src/core pure (see ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_IO = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'os',
  'worker_threads',
  'readline',
  'process',
  'path',
];
const nodeIo = [...NODE_IO, ...NODE_IO.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.demo/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // core = pure decisions over plain data: no editor, no disk, no processes.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is pure: only src/extension may import vscode.' },
            ...nodeIo.map((name) => ({
              name,
              message: 'src/core is pure: no node I/O (use src/git or pass data in).',
            })),
          ],
          patterns: [
            { group: ['**/git/*', '**/cli/*', '**/extension/*'], message: 'src/core imports only src/core.' },
            { group: ['node:*'], message: 'src/core is pure: no node builtins.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: pass configuration in.' },
        { name: 'require', message: 'src/core uses static imports only.' },
      ],
    },
  },
  {
    // git and cli run in plain node: never the editor API, never the editor adapters.
    files: ['src/git/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'only src/extension may import vscode.' }],
          patterns: [
            { group: ['**/extension/*'], message: 'src/git and src/cli must not depend on the VS Code adapters.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/git/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'only src/extension may import vscode.' }],
          patterns: [
            {
              group: ['**/extension/*', '**/cli/*'],
              message: 'src/git must not depend on the CLI or the VS Code adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/unit/**/*.ts', 'test/git/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'vscode exists only inside the real editor: put this test under test/integration.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.cjs', 'test/integration/stub-*/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'esbuild.config.mjs', 'eslint.config.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
