import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { startOpenAIServer } from '../support/openai-server';

/** A free loopback port, so parallel runs on one machine do not collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited early:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not become ready:\n${log()}`);
}

/**
 * Starts the local OpenAI-compatible server and the production build (`next start`, which must have been built)
 * wired to it as the Together provider. Tests read `E2E_BASE_URL` and `E2E_OPENAI_BASE_URL`; the server's output
 * is kept in `test-results/next-server.log` so tests can check it for unhandled errors.
 */
export default async function globalSetup() {
  const openai = await startOpenAIServer();
  const port = await freePort();
  const logFile = path.resolve('test-results/next-server.log');
  // Playwright makes `test-results/e2e` only once tests start; the server writes its log before.
  mkdirSync(path.dirname(logFile), { recursive: true });
  let output = '';
  const server = spawn(path.resolve('node_modules/.bin/next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LOCAL_MODELS: 'off',
      // A fresh database for every run of the suite.
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'moa-e2e-')),
      SIMULATOR_SPEED: process.env.SIMULATOR_SPEED ?? '4',
      TOGETHER_API_KEY: 'sk-e2e-server-key',
      TOGETHER_BASE_URL: openai.baseURL,
      // No server key for OpenRouter: tests bring their own through the UI.
      OPENROUTER_BASE_URL: openai.baseURL,
      // Rate limits as in production, told apart by a header the tests set. Own-key runs get a budget of 4 model
      // calls so one test can use it up; the tests that send no header share the budgets of the "unknown" client.
      CLIENT_IP_HEADER: 'x-e2e-client',
      RATE_LIMIT_BYO_CALLS: '4',
      RATE_LIMIT_SERVER_CALLS: '100000',
      RATE_LIMIT_SIMULATED_CALLS: '100000',
      RATE_LIMIT_WRITES: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    writeFileSync(logFile, output);
  };
  server.stdout?.on('data', append);
  server.stderr?.on('data', append);

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${baseUrl}/api/models`, server, () => output);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_OPENAI_BASE_URL = openai.baseURL;
  process.env.E2E_SERVER_LOG = logFile;

  return async () => {
    server.kill('SIGTERM');
    await openai.close();
  };
}
