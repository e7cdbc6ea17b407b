import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**'],
    pool: 'forks',
    globalSetup: ['test-support/global-setup.ts'],
    // X11 and crash tests start real processes; their waits are bounded by events, not wall-clock sleeps.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
