// Lint: typescript-eslint's recommended rules plus the import directions of DESIGN.md, as errors.
import tseslint from 'typescript-eslint';

const rule = (message, group) => ({ group, message });
const restrict = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', 'e2e/artifacts/**', '**/*.svelte'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { ...restrict(['src-main/contract/**'], { regex: '^(?!zod$|\\.\\.?/)', message: 'contract imports only zod (DESIGN.md, import rule 1)' }), ignores: ['**/*.test.ts'] },
  restrict(
    ['src-main/engine/**'],
    rule('engine is pure computation: no store, runner, services, disk or UI (DESIGN.md, rule 2)', [
      '**/store/**', '**/runner/**', '**/services/**', '**/data/**', '**/cli/**', '**/server/**', '**/shell/**',
      'better-sqlite3', 'electron', 'node:fs', 'fs', 'node:child_process',
    ]),
  ),
  restrict(
    ['src-main/store/**'],
    rule('store knows contract and better-sqlite3 only (DESIGN.md, rule 2)', [
      '**/engine/**', '**/runner/**', '**/services/**', '**/data/**', '@tensorflow/*', 'electron',
    ]),
  ),
  restrict(
    ['src-main/data/**', 'src-main/stats/**', 'src-main/export/**'],
    rule('loaders, statistics and exports know contract only', ['**/store/**', '**/runner/**', '**/services/**', 'electron', 'better-sqlite3']),
  ),
  restrict(
    ['src-main/runner/**'],
    rule('runner hands results out as events and never touches the store (DESIGN.md, rule 3)', [
      '**/store/**', '**/services/**', 'better-sqlite3', 'electron',
    ]),
  ),
  restrict(
    ['src-main/services/**'],
    rule('services are wired by entry points; they import no entry point and no electron (DESIGN.md, rule 4)', [
      '**/cli/**', '**/server/**', '**/shell/**', 'electron',
    ]),
  ),
  restrict(['src-main/cli/**', 'src-main/server/**'], rule('only shell/ imports electron', ['electron'])),
  restrict(
    ['src-renderer/**'],
    rule('the renderer imports from src-main only contract (DESIGN.md, rule 1)', [
      '**/src-main/engine/**', '**/src-main/store/**', '**/src-main/runner/**', '**/src-main/services/**',
      '**/src-main/data/**', '**/src-main/shell/**', '**/src-main/server/**', '**/src-main/cli/**',
      '**/src-main/export/**', '**/src-main/stats/**', 'node:*', 'electron', 'better-sqlite3', '@tensorflow/*',
    ]),
  ),
);
