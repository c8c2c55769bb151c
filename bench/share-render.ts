/**
 * Share-page benchmark: how long `next start` takes to render `/s/<id>` for the largest shared conversation the
 * API accepts, beside a one-turn one. Run it with `npm run bench:share` (a minute, plus a build when `.next` is out
 * of date); not part of `npm test`.
 *
 * The largest snapshot is built from a real run: the route runs the widest MoA a run may have (three proposer layers
 * of eight simulated agents and an aggregator: 25 agents, each answering in at most 16 tokens so that as many runs
 * as possible fit), and that run, after a question, is repeated until one more turn would pass the 1 MB a snapshot
 * may hold once validated. Each page is fetched 30 times in a row after two unmeasured loads; the time is from
 * sending the request to the last byte of the HTML, over loopback; beside it, the median time of `GET /api/shares/<id>`,
 * which reads and checks the same snapshot without rendering it. Target: under 50 ms at the largest snapshot.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { SHARE_LIMITS, shareSnapshotV1Schema, type ShareSnapshot } from '@/lib/protocol/share';
import { buildIfNeeded, startNextServer, type NextServer } from '@/tests/support/next-server.mjs';
import { POST as postMoa } from '@/app/api/moa/route';
import { readChunks } from '@/tests/support/sse';
import { sharedMessageFromChunks } from '@/tests/support/shared-message';
import { median } from '@/lib/stats/median';
import { percentile } from './load/report';

const LOADS = 30;
let server: NextServer;

beforeAll(async () => {
  await buildIfNeeded();
  server = await startNextServer({ env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'moa-share-bench-')), RATE_LIMITS: 'off' } });
}, 600_000);
afterAll(async () => server?.stop());

async function widestRun(question: string) {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  const agent = { model: 'simulator:qwen-72b', maxOutputTokens: 16 };
  const layer = { agents: Array.from({ length: 8 }, () => agent) };
  const response = await postMoa(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: question }], config: { layers: [layer, layer, layer], aggregator: agent } }),
    }),
  );
  return sharedMessageFromChunks((await readChunks(response)).chunks);
}

function largestSnapshot(run: ShareSnapshot['messages'][number]): ShareSnapshot {
  const messages: ShareSnapshot['messages'] = [];
  const turnBytes = (index: number) => JSON.stringify([{ role: 'user', text: `Question ${index}: why is the sky blue?` }, run]).length;
  for (let index = 1; messages.length + 2 <= SHARE_LIMITS.messages; index += 1) {
    if (JSON.stringify(messages).length + turnBytes(index) > SHARE_LIMITS.snapshotBytes - 1024) break;
    messages.push({ role: 'user', text: `Question ${index}: why is the sky blue?` }, run);
  }
  return shareSnapshotV1Schema.parse({ version: 1, messages });
}

async function renderTimes(snapshot: ShareSnapshot) {
  const created = await fetch(`${server.baseUrl}/api/shares`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: snapshot.messages }),
  });
  expect(created.status).toBe(201);
  const { id, url } = (await created.json()) as { id: string; url: string };
  // The same snapshot read and checked without rendering: what of the page's time is the database and the schema.
  const readTimes: number[] = [];
  for (let load = -2; load < LOADS; load += 1) {
    const startedAt = performance.now();
    await (await fetch(`${server.baseUrl}/api/shares/${id}`)).text();
    if (load >= 0) readTimes.push(performance.now() - startedAt);
  }
  const times: number[] = [];
  let htmlBytes = 0;
  for (let load = -2; load < LOADS; load += 1) {
    const startedAt = performance.now();
    const response = await fetch(`${server.baseUrl}${url}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    if (load >= 0) times.push(performance.now() - startedAt);
    htmlBytes = html.length;
  }
  return { times, readTimes, htmlBytes, snapshotBytes: JSON.stringify(snapshot).length };
}

test('renders the largest valid shared conversation', async () => {
  const run = await widestRun('Why is the sky blue?');
  const small = await renderTimes({ version: 1, messages: [{ role: 'user', text: 'Why is the sky blue?' }, run] });
  const large = largestSnapshot(run);
  const big = await renderTimes(large);
  const row = (name: string, turns: number, result: typeof small) =>
    `${name.padEnd(30)} ${String(turns).padStart(5)} ${String(Math.round(result.snapshotBytes / 1024)).padStart(8)} KB ${String(Math.round(result.htmlBytes / 1024)).padStart(8)} KB ${(median(result.times) ?? 0).toFixed(1).padStart(8)} ms ${(percentile(result.times, 95) ?? 0).toFixed(1).padStart(8)} ms ${(median(result.readTimes) ?? 0).toFixed(1).padStart(8)} ms`;
  console.log(`\nshared page render, ${LOADS} loads each (25 agents a run)\n${'snapshot'.padEnd(30)} turns snapshot        HTML      median      p95  API read`);
  console.log(row('one turn', 1, small));
  console.log(row('largest valid (≤ 1 MB)', large.messages.length / 2, big));
  console.log(`target: under 50 ms at the largest valid snapshot: ${(median(big.times) ?? Infinity) < 50 ? 'met' : 'MISSED'} (median)`);
});
