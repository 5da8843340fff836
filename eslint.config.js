// Lint, and the import boundaries of DESIGN.md: which folder may import which is a rule, not a habit.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream', 'util'].flatMap((m) => [m, `node:${m}`]);
const noElectron = { name: 'electron', message: 'only main/electron and preload may import electron: the core must run in plain Node' };
// Tests may reach anything through public interfaces.
const testFiles = ['**/*.test.ts'];
const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

// Inside the core (DESIGN.md §1): a later block replaces the rule for its files, so each repeats the core's own limits.
const coreOut = { group: ['**/server/**', '**/cli/**', '**/electron/**', '**/renderer/**', '**/preload/**'], message: 'the core imports only shared/ and node_modules' };
const noFixtures = { group: ['**/testing/**', '**/e2e/**'], message: 'product code never imports test fixtures' };
const coreRule = (...more) => restrict([coreOut, noFixtures, ...more], [noElectron]);
// Pure code may hash and handle bytes; it never touches files, processes or the network.
const impureBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'http', 'https', 'tls', 'dns', 'dgram', 'stream', 'worker_threads', 'cluster', 'readline', 'timers']
  .flatMap((m) => [m, `node:${m}`]);
const renderer = [{ group: ['**/main/**', '**/preload/**'], message: 'the renderer talks to the core only through renderer/api' }];
const rendererPaths = [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'the renderer has no Node' })), { name: 'better-sqlite3' }, { name: 'ssh2' }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/.*.bundle.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared/ imports only itself and zod' }],
        [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins' }))],
      ),
    },
  },
  {
    files: ['main/core/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': coreRule() },
  },
  {
    files: ['main/core/domain/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(
        [
          coreOut,
          noFixtures,
          { group: ['**/store/**', '**/executors/**', '**/services/**', '**/scheduler/**', '**/secrets/**'], message: 'domain/ is pure: it imports only shared/ and itself (time and data passed in)' },
          // The core's own top-level modules (../clock, ../create-core, ../event-bus, …) are not pure either.
          { regex: '^\\.\\./[\\w-]+$', message: 'domain/ is pure: it imports only shared/ and itself (time and data passed in)' },
        ],
        [noElectron, { name: 'ssh2' }, { name: 'better-sqlite3' }, ...impureBuiltins.map((name) => ({ name, message: 'domain/ is pure: no files, processes or network' }))],
      ),
    },
  },
  {
    files: ['main/core/store/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': coreRule({ group: ['**/services/**', '**/executors/**', '**/scheduler/**'], message: 'store/ is the bottom layer: it never imports services, executors or the scheduler' }),
    },
  },
  {
    files: ['main/core/executors/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(
        [coreOut, noFixtures, { group: ['**/services/**', '**/store/**', '**/scheduler/**'], message: 'executors/ talk SSH; they never import services, the store or the scheduler' }],
        [noElectron, { name: 'better-sqlite3', message: 'executors/ never touch the database' }],
      ),
    },
  },
  {
    files: ['main/server/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['**/electron/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'the server imports core and shared only (what it shares with the CLI lives in shared/)' }],
        [noElectron],
      ),
    },
  },
  {
    files: ['main/cli/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict([{ group: ['**/core/**', '**/server/**', '**/electron/**', '**/renderer/**'], message: 'the CLI is a client of the REST API: shared/ only' }], [noElectron]) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict(renderer, rendererPaths) },
  },
  {
    files: ['renderer/components/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(
        [...renderer, { group: ['**/stores/**', '**/api/**', '**/features/**'], message: 'components/ are presentational: data comes in as props, never from stores, the api or features' }],
        rendererPaths,
      ),
    },
  },
  {
    files: ['renderer/stores/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict([...renderer, { group: ['**/features/**'], message: 'stores/ hold state; features use stores, never the other way' }], rendererPaths),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([{ group: ['**/main/**', '**/renderer/**'], message: 'preload only forwards: electron and shared types' }]) },
  },
);
