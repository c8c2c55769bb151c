import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Runs the benchmarks that need no browser (`npm run bench:engine`, `bench:load`, `bench:share`, `bench:burst`,
 * `bench:eval`, `bench:cpu`, `bench:cancel`: each names its file). Vitest is only the runner here: it resolves the `@/` alias and TypeScript the
 * same way the test suite does. The benchmarks are not part of the test suite.
 */
const repositoryRoot = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  root: repositoryRoot,
  resolve: {
    alias: {
      '@': repositoryRoot,
      // The real package throws outside React Server Components; route handlers get its empty build here.
      'server-only': path.resolve(repositoryRoot, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    name: 'bench',
    include: ['bench/engine.ts', 'bench/load.ts', 'bench/share-render.ts', 'bench/one-client-burst.ts', 'bench/eval.ts', 'bench/cpu.ts', 'bench/cancel.ts'],
    environment: 'node',
    pool: 'forks',
    // `global.gc()` makes the heap baseline a measure of live memory rather than of uncollected garbage.
    execArgv: ['--expose-gc'],
    testTimeout: 300_000,
    silent: false,
    // Print the table as plain lines, without Vitest's per-test console headers.
    disableConsoleIntercept: true,
  },
});
