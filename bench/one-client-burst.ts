/**
 * One client's burst: how much of the server one client can hold by starting many runs at once. Run it with
 * `npm run bench:burst` (a couple of minutes, plus a build when `.next` is out of date); not part of `npm test`.
 *
 * One client (one `x-bench-client` address) sends 153 simulated 3×6 MoA runs at once (with a budget of 2,000
 * simulated calls, 153 runs of 13 calls is all it may spend in an hour) and reads every admitted run to its end.
 * It does so twice against `next start`: once with the default cap of concurrent runs per client, once with the cap
 * lifted to 1,000, as it was before there was one. Reported: runs admitted, refused (429 `too_many_runs`) and
 * failed (no answer in time), the server's peak RSS over its RSS before the burst, and how long the admitted runs
 * took (median and slowest). The simulator runs at four times its real pace.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { median } from '@/lib/stats/median';
import { buildIfNeeded, startNextServer } from '@/tests/support/next-server.mjs';
import { startProcessSampler } from './load/process-sampler';

const RUNS = 153;
const CLIENT = '198.18.7.7';

async function burst(perClientCap: string | undefined) {
  const server = await startNextServer({
    env: {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'moa-burst-')),
      CLIENT_IP_HEADER: 'x-bench-client',
      RATE_LIMIT_SIMULATED_CALLS: '2000',
      // Four times the simulator's real pace, so the uncapped burst ends within minutes on a small machine.
      SIMULATOR_SPEED: '4',
      ...(perClientCap ? { MAX_CONCURRENT_RUNS_PER_CLIENT: perClientCap } : {}),
    },
  });
  try {
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'Why is the sky blue?' }], preset: 'simulated' });
    const headers = { 'content-type': 'application/json', 'x-bench-client': CLIENT };
    // One warm-up run from another client, so the first request's loading is not in the figures.
    await (await fetch(`${server.baseUrl}/api/moa`, { method: 'POST', headers: { ...headers, 'x-bench-client': '198.18.0.1' }, body })).text();
    const sampler = startProcessSampler(server.pid, { includeDescendants: true, intervalMs: 100 });
    const baseline = sampler.stop().peakRssBytes;
    const during = startProcessSampler(server.pid, { includeDescendants: true, intervalMs: 100 });
    const results = await Promise.all(
      Array.from({ length: RUNS }, async () => {
        const startedAt = performance.now();
        try {
          const response = await fetch(`${server.baseUrl}/api/moa`, { method: 'POST', headers, body });
          await response.text();
          return { status: response.status, ms: performance.now() - startedAt };
        } catch {
          // A server too busy to answer within the client's limits (five minutes for the headers) fails the request.
          return { status: 0, ms: performance.now() - startedAt };
        }
      }),
    );
    const usage = during.stop();
    const admitted = results.filter((result) => result.status === 200);
    const refused = results.filter((result) => result.status === 429);
    const failed = results.length - admitted.length - refused.length;
    expect(admitted.length).toBeGreaterThan(0);
    return { admitted: admitted.length, refused: refused.length, failed, extraRssMb: (usage.peakRssBytes - baseline) / 2 ** 20, runMs: admitted.map((result) => result.ms) };
  } finally {
    await server.stop();
  }
}

test(`one client starting ${RUNS} runs at once`, async () => {
  await buildIfNeeded();
  const capped = await burst(undefined);
  const uncapped = await burst('1000');
  const row = (name: string, result: Awaited<ReturnType<typeof burst>>) =>
    `${name.padEnd(26)} ${String(result.admitted).padStart(8)} ${String(result.refused).padStart(8)} ${String(result.failed).padStart(7)} ${result.extraRssMb.toFixed(0).padStart(10)} MB ${((median(result.runMs) ?? 0) / 1000).toFixed(1).padStart(8)} s ${(Math.max(...result.runMs) / 1000).toFixed(1).padStart(8)} s`;
  console.log(`\none client, ${RUNS} simulated 3×6 runs sent at once\n${'cap per client'.padEnd(26)} admitted  refused  failed  peak RSS over idle  median run  slowest run`);
  console.log(row('4 (the default)', capped));
  console.log(row('1,000 (no cap in effect)', uncapped));
}, 900_000);
