import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startNextServer, type NextServer } from '../support/next-server.mjs';
import { setBehaviors } from '../support/openai-control';
import { readChunks } from '../support/sse';
import { openaiBaseUrl } from './environment';

/**
 * One `next start` has one daily spend ceiling, though `/api/judge` runs on Node and `/api/moa` in an edge sandbox
 * with globals of its own: without Upstash, the edge route counts against the Node process's store.
 */
const namespace = `ceiling-${crypto.randomUUID()}`;
const model = `together:${namespace}/m`;
// At $1,000 per million tokens: a judge call reserves about $1.22, a one-proposer run about $0.40.
const CEILING_USD = 1.55;

let server: NextServer;
test.beforeAll(async () => {
  await setBehaviors(openaiBaseUrl(), { [`${namespace}/m`]: { text: 'Blue.' } });
  server = await startNextServer({
    env: {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'moa-ceiling-')),
      TOGETHER_API_KEY: 'sk-ceiling-server-key',
      TOGETHER_BASE_URL: openaiBaseUrl(),
      SERVER_MODELS: `${model}=1000/1000`,
      DAILY_SPEND_LIMIT_USD: String(CEILING_USD),
      RATE_LIMITS: 'off',
    },
  });
});
test.afterAll(async () => server?.stop());

const post = (pathname: string, body: unknown) =>
  fetch(new URL(pathname, server.baseUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const run = { messages: [{ role: 'user', content: 'Why is the sky blue?' }], config: { layers: [{ agents: [{ model, maxOutputTokens: 64 }] }], aggregator: { model, maxOutputTokens: 64 }, maxRetries: 0 } };

test('spend on a Node route and on the edge route counts against one ceiling', async () => {
  expect(server.output()).toContain('one spend ceiling for this server process, its edge routes included');

  // The edge route alone fits: it runs, and settles to its real cost (about $0.18).
  const first = await post('/api/moa', run);
  expect(first.status).toBe(200);
  await readChunks(first);

  // The judge on Node reserves most of the ceiling (it reports no cost, so its estimate stays spent).
  const judged = await post('/api/judge', { question: 'Why is the sky blue?', moaAnswer: 'Scattering.', baselineAnswer: 'Rayleigh.', judgeModel: model });
  expect([200, 502]).toContain(judged.status);

  // Now the same run no longer fits: the edge route sees what the Node route spent.
  const refused = await post('/api/moa', run);
  expect(refused.status).toBe(429);
  expect((await refused.json()).code).toBe('budget_exhausted');
});
