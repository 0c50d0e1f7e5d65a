import { defineConfig } from 'vitest/config';

// One runner for every test in the workspace. Integration suites start their own redis-server
// and Chromium, so files run in separate processes, two at a time (this is a 2-core machine).
export default defineConfig({
  test: {
    include: ['{sdk,collector,dashboard,examples}/**/*.test.{ts,tsx}', '*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
