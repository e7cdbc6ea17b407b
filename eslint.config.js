import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Who may import whom, after VS Code's layer rules: a wrong import fails lint as well as the type check.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'worker_threads'];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/electron/**', '**/server/**', '**/renderer/**'],
      'shared/ is pure TypeScript: no Node, DOM, Electron or React, and no other layer.',
    ),
  },
  {
    files: ['electron/recorder/**/*.ts', 'electron/cli.ts'],
    rules: restrict(
      ['electron', '**/main/**', '**/preload/**', '**/renderer/**', '**/server/**'],
      'electron/recorder is plain Node: only electron/main and electron/preload import electron.',
    ),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(['electron', '**/electron/**', '**/renderer/**'], 'server/ never imports electron/ or renderer/.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict([...nodeBuiltins, 'electron', '**/electron/**', '**/server/**'], 'renderer/ imports shared/ and browser code only.'),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
