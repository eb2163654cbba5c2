// Lint: typescript-eslint's recommended rules, eslint-plugin-svelte's for .svelte files, and DESIGN.md's
// layering as allow-lists (eslint-rules/layering.js over the table in eslint-rules/layers.js), as errors.
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.js';

export default tseslint.config(
  // native/wasm is AssemblyScript (f32, v128, @inline): its compiler checks it, not TypeScript's.
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'out-test/**', 'test-results/**', 'e2e/artifacts/**', 'native/wasm/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    // <script lang="ts"> in components, and the rune classes in *.svelte.ts.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Every file: the rule itself decides by path (production folders checked, tests and tools exempt),
    // so the same config works from any root of this layout (eslint-rules/layering.test.ts lints probes).
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,svelte}'],
    plugins: { layering },
    rules: { 'layering/allowed-imports': 'error' },
  },
);
