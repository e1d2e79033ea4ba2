import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Worker-pool tests spawn their own threads; forks keep them isolated from vitest's pool.
    pool: 'forks',
  },
});
