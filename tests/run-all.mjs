// Runs every check — the linter and the import rules (`npm run lint`), unit and integration tests (Vitest, in the node
// and edge-runtime environments), then the production build and the end-to-end suite (Playwright + Chromium against
// `next start`) — and ends with one line of totals. Exits non-zero when any test or step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(`${results}/vitest.json`, { force: true });
rmSync(`${results}/e2e.json`, { force: true });
mkdirSync(results, { recursive: true });

// The build runs with fake provider keys set, as on a server with real ones, so the end-to-end suite can check
// that none of them reaches the client bundle.
const buildSecrets = {
  TOGETHER_API_KEY: 'sk-build-together-0d9f3a7c1e5b4f2a8c6d',
  OPENAI_API_KEY: 'sk-build-openai-7b2e9c4f1a6d3e8b5c0f',
  ANTHROPIC_API_KEY: 'sk-ant-build-anthropic-3c8e1f6a9d2b7e4c',
  LIBSQL_AUTH_TOKEN: 'build-libsql-token-5e2a9c7f1b8d4e6a3c0f',
};
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
  BUILD_SECRET_VALUES: Object.values(buildSecrets).join(','),
};
function step(title, command, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return status === 0;
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

let passed = 0;
let failed = 0;
const broken = [];

const lintOk = step('Lint and import rules', 'npm', ['run', 'lint']);
if (!lintOk) broken.push('lint');

const unitOk = step('Unit and integration tests (node + edge-runtime)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`,
]);
const vitest = readJson(`${results}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
if (!unitOk || !vitest) broken.push('vitest');

const buildOk = step('Production build', 'npx', ['next', 'build'], buildSecrets);
if (!buildOk) broken.push('next build');

if (buildOk) {
  const e2eOk = step('End-to-end tests (Chromium against next start)', 'npx', ['playwright', 'test']);
  const e2e = readJson(`${results}/e2e.json`);
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
  }
  if (!e2eOk || !e2e) broken.push('playwright');
}

console.log('');
if (broken.length > 0) console.log(`Failed steps: ${broken.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken.length > 0 || failed > 0 ? 1 : 0);
