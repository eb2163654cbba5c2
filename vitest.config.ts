import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Rebuilds dist/ first when any source is newer than it (worker-thread and CLI tests run the build).
    globalSetup: ['testing/global-setup.ts'],
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'bench/**/*.test.ts', 'testing/**/*.test.ts', 'eslint-rules/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Training tests are CPU-bound; two cores here.
    maxWorkers: 2,
  },
});
