import path from 'node:path';
import { defineConfig } from 'vitest/config';

const shared = {
  include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/faults/**/*.test.ts'],
  globalSetup: ['tests/support/global-setup.ts'],
};

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The real package throws outside React Server Components; route handlers get its empty build there.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    // Route tests send thousands of requests as one client; the limits' own tests switch per-client budgets on.
    // A fixed receipt secret, as a deployment with several instances sets one; its generation is tested on its own.
    env: { RATE_LIMITS: 'off', COMPARISON_SECRET: 'vitest-comparison-secret-0123456789abcdef' },
    projects: [
      { extends: true, test: { ...shared, name: 'node', environment: 'node' } },
      {
        extends: true,
        // Storage opens `file:` databases through libSQL's native Node binding, which the edge runtime lacks; the eval
        // command line reads and writes files and starts processes.
        test: {
          ...shared,
          name: 'edge',
          environment: 'edge-runtime',
          exclude: ['tests/integration/storage/**', 'tests/integration/eval-cli/**'],
        },
      },
    ],
  },
});
