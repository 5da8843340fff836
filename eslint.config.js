// Lint, and the import boundaries of DESIGN.md: which folder may import which is a rule, not a habit.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream', 'util'].flatMap((m) => [m, `node:${m}`]);
const noElectron = { name: 'electron', message: 'only main/electron and preload may import electron: the core must run in plain Node' };
// Tests may reach anything through public interfaces.
const testFiles = ['**/*.test.ts'];
const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
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
    rules: {
      'no-restricted-imports': restrict([{ group: ['**/server/**', '**/cli/**', '**/electron/**', '**/renderer/**', '**/preload/**'], message: 'the core imports only shared/ and node_modules' }], [noElectron]),
    },
  },
  {
    files: ['main/server/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict([{ group: ['**/electron/**', '**/renderer/**', '**/preload/**'], message: 'the server imports core and shared only' }], [noElectron]) },
  },
  {
    files: ['main/cli/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict([{ group: ['**/core/**', '**/server/**', '**/electron/**', '**/renderer/**'], message: 'the CLI is a client of the REST API: shared/ only' }], [noElectron]) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['**/main/**', '**/preload/**'], message: 'the renderer talks to the core only through renderer/api' }],
        [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'the renderer has no Node' })), { name: 'better-sqlite3' }, { name: 'ssh2' }],
      ),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([{ group: ['**/main/**', '**/renderer/**'], message: 'preload only forwards: electron and shared types' }]) },
  },
);
