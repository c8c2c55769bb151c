import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNextServer } from '../support/next-server.mjs';
import { startOpenAIServer } from '../support/openai-server';

/**
 * Starts the local OpenAI-compatible server and the production build (`next start`, which must have been built)
 * wired to it as the Together provider. Tests read `E2E_BASE_URL` and `E2E_OPENAI_BASE_URL`; the server's output
 * is kept in `test-results/next-server.log` so tests can check it for unhandled errors.
 */
export default async function globalSetup() {
  const openai = await startOpenAIServer();
  const logFile = path.resolve('test-results/next-server.log');
  let output = '';
  const server = await startNextServer({
    env: {
      // A fresh database for every run of the suite.
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'moa-e2e-')),
      SIMULATOR_SPEED: process.env.SIMULATOR_SPEED ?? '4',
      TOGETHER_API_KEY: 'sk-e2e-server-key',
      TOGETHER_BASE_URL: openai.baseURL,
      // No server key for OpenRouter: tests bring their own through the UI.
      OPENROUTER_BASE_URL: openai.baseURL,
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
