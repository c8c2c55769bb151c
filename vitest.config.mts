import path from 'node:path';
import { defineConfig } from 'vitest/config';

const shared = {
  include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
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
    projects: [
      { extends: true, test: { ...shared, name: 'node', environment: 'node' } },
      { extends: true, test: { ...shared, name: 'edge', environment: 'edge-runtime' } },
    ],
  },
});
