import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNextServer } from '../support/next-server.mjs';
import { startOpenAIServer } from '../support/openai-server';
import { E2E_SERVER_MODELS } from './environment';
import { E2E_API_TOKEN } from './environment';

/**
 * Starts the local OpenAI-compatible server and the production build (`next start`, which must have been built)
 * wired to it as the Together provider. Tests read `E2E_BASE_URL` and `E2E_OPENAI_BASE_URL`; the server's output
 * is kept in `test-results/next-server.log` so tests can check it for unhandled errors.
 */
export default async function globalSetup() {
  const openai = await startOpenAIServer();
  const logFile = path.resolve('test-results/next-server.log');
  // Playwright makes `test-results/e2e` only once tests start; the server writes its log before.
  mkdirSync(path.dirname(logFile), { recursive: true });
  let output = '';
  const server = await startNextServer({
    env: {
      // A fresh database for every run of the suite.
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'moa-e2e-')),
      SIMULATOR_SPEED: process.env.SIMULATOR_SPEED ?? '4',
      TOGETHER_API_KEY: 'sk-e2e-server-key',
      TOGETHER_BASE_URL: openai.baseURL,
      SERVER_MODELS: E2E_SERVER_MODELS,
      // No server key for OpenRouter: tests bring their own through the UI.
      OPENROUTER_BASE_URL: openai.baseURL,
      // Rate limits as in production, told apart by a header the tests set. Own-key runs get a budget of 4 model
      // calls so one test can use it up; the tests that send no header share the budgets of the "unknown" client.
      CLIENT_IP_HEADER: 'x-e2e-client',
      RATE_LIMIT_BYO_CALLS: '4',
      RATE_LIMIT_SERVER_CALLS: '100000',
      RATE_LIMIT_SIMULATED_CALLS: '100000',
      RATE_LIMIT_WRITES: '100000',
      // The token `tests/e2e/openai-api.spec.ts` calls `/v1` with, to run on the server's keys.
      MOA_API_TOKENS: E2E_API_TOKEN,
    },
    onOutput: (text) => {
      output += text;
      writeFileSync(logFile, output);
    },
  });

  process.env.E2E_BASE_URL = server.baseUrl;
  process.env.E2E_OPENAI_BASE_URL = openai.baseURL;
  process.env.E2E_SERVER_LOG = logFile;

  return async () => {
    await server.stop();
    await openai.close();
  };
}
