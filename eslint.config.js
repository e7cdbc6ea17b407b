import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Who may import whom, after VS Code's layer rules: a wrong import fails lint as well as the type check.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'worker_threads'];
// SQL has one home (docs/architecture.md): only the store and report modules, and tests, benchmarks and
// test support that inspect a database directly, may import better-sqlite3, type-only imports included.
const sqlite = { group: ['better-sqlite3'], message: 'SQL lives in electron/recorder/store/ and electron/recorder/reports/: call a store or report module.' };
const restrictPatterns = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const restrict = (groups, message, ...more) => restrictPatterns({ group: groups, message }, ...more);
const recorderLayer = [
  ['electron', '**/main/**', '**/preload/**', '**/renderer/**', '**/server/**'],
  'electron/recorder is plain Node: only electron/main and electron/preload import electron.',
];

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
      sqlite,
    ),
  },
  {
    files: ['electron/recorder/**/*.ts', 'electron/cli.ts'],
    rules: restrict(...recorderLayer, sqlite),
  },
  {
    // The SQL homes keep the layer rule without the SQL one (a later block replaces the rule for its files).
    files: ['electron/recorder/store/**/*.ts', 'electron/recorder/reports/**/*.ts', 'electron/recorder/**/*.test.ts'],
    rules: restrict(...recorderLayer),
  },
  {
    // The main process keeps tray, windows, notifications and shortcuts: the database is the utility process's.
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'bin/**/*.js', 'bin/**/*.cjs', 'scripts/**/*.mjs'],
    ignores: ['**/*.test.ts'],
    rules: restrictPatterns(sqlite),
  },
  {
    // The team server imports shared/ and npm packages (server/tsconfig.json makes a wrong import a type error too);
    // its database drivers are opened in server/db/ only, and SQL lives in server/store/ and server/reports/.
    files: ['server/**/*.ts'],
    rules: restrict(['electron', '**/electron/**', '**/renderer/**'], 'server/ never imports electron/ or renderer/.', {
      group: ['better-sqlite3', 'pg'],
      message: 'server/db/open.ts opens the database: use the Kysely instance it returns.',
    }),
  },
  {
    files: ['server/db/**/*.ts', 'server/**/*.test.ts', 'server/test-support/**/*.ts'],
    rules: restrict(['electron', '**/electron/**', '**/renderer/**'], 'server/ never imports electron/ or renderer/.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict([...nodeBuiltins, 'electron', '**/electron/**', '**/server/**'], 'renderer/ imports shared/ and browser code only.', sqlite),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // CommonJS launchers (bin/stint.cjs): node starts them without its ES module loader.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', __dirname: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
