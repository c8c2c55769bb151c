/**
 * Cancellation under overload: when many clients leave at once while the server is behind, how soon are their
 * upstream model calls closed?
 *
 * Run it with `npm run bench:cancel` (about a minute, plus a build when `.next` is out of date). Vitest is only the
 * runner; nothing is asserted about the figures. It starts the local OpenAI-compatible test server in a process of
 * its own (`bench/cancel/upstream-process.ts`: it is the instrument, and must not share this process's event loop)
 * and `next start` (`/api/moa` on the edge runtime, as deployed), then:
 * 1. one short run to warm the route up;
 * 2. `CANCEL_BENCH_RUNS` (50) runs at once, each a layer of six proposers and an aggregator: 300 upstream streams,
 *    each `CANCEL_BENCH_TOKENS_PER_SECOND` (100) tokens/s of an answer far longer than the benchmark, so none ends
 *    by itself. The clients read their responses without parsing them;
 * 3. once every stream has started, `CANCEL_BENCH_HOLD_MS` (5 s) of streaming, the server's CPU sampled from `/proc`
 *    (above 100 % of a core on a 2-core machine shared with other work, it cannot keep up);
 * 4. every client aborts its request at the same moment, and the test server's count of open chat-completion
 *    responses is read every 20 ms until it reaches zero (or 30 s pass).
 *
 * It prints the share of upstream calls closed within 1 s of the clients leaving (the target is at least 99 %),
 * how long it took until 99 % and until all were closed, and how many ran to completion instead.
 */
import { availableParallelism, loadavg } from 'node:os';
import { test } from 'vitest';
import { buildIfNeeded, startNextServer, type NextServer } from '@/tests/support/next-server.mjs';
import { getConnectionStats, setBehaviors, type ConnectionStats } from '@/tests/support/openai-control';
import { startUpstreamProcess, type UpstreamProcess } from './cancel/start-upstream-process';
import { upstreamText } from './load/upstream';
import { startProcessSampler } from './load/process-sampler';
import { count, printTable } from './load/report';

const RUNS = Number(process.env.CANCEL_BENCH_RUNS ?? 50);
const PROPOSERS = 6;
const TOKENS_PER_SECOND = Number(process.env.CANCEL_BENCH_TOKENS_PER_SECOND ?? 100);
const HOLD_MS = Number(process.env.CANCEL_BENCH_HOLD_MS ?? 5_000);
/** Longer than the benchmark lasts at any rate it is run with, so a stream that ends was not cancelled. */
const ANSWER_TOKENS = 6_000;
const NAMESPACE = 'cancel';
const WARM_UP_NAMESPACE = 'cancel-warm-up';
const POLL_MS = 20;
const DRAIN_TIMEOUT_MS = 30_000;
const UNREACHABLE_LIMIT = '100000000';

const models = (namespace: string) => [...Array.from({ length: PROPOSERS }, (_, index) => `p${index + 1}`), 'agg'].map((name) => `${namespace}/${name}`);

function runBody(namespace: string): string {
  const ids = models(namespace);
  return JSON.stringify({
    messages: [{ role: 'user', content: 'How should a small team choose between a monolith and microservices?' }],
    config: {
      layers: [{ agents: ids.slice(0, PROPOSERS).map((model) => ({ model: `together:${model}` })) }],
      aggregator: { model: `together:${ids[PROPOSERS]}` },
    },
  });
}

test('upstream calls closed after 300 streaming clients leave at once', async () => {
  await buildIfNeeded();
  const loadBefore = loadavg();
  const upstream = await startUpstreamProcess();
  let server: NextServer | undefined;
  const clients = new AbortController();
  try {
    await setBehaviors(upstream.baseURL, {
      ...Object.fromEntries(models(NAMESPACE).map((model) => [model, { text: upstreamText(model, ANSWER_TOKENS), firstByteMs: 100, tokensPerSecond: TOKENS_PER_SECOND }])),
      ...Object.fromEntries(models(WARM_UP_NAMESPACE).map((model) => [model, { text: upstreamText(model, 20) }])),
    });
    server = await startNextServer({
      env: {
        TOGETHER_API_KEY: 'sk-cancel-bench-not-a-real-key',
        TOGETHER_BASE_URL: upstream.baseURL,
        SERVER_MODELS: [...models(NAMESPACE), ...models(WARM_UP_NAMESPACE)].map((model) => `together:${model}=0/0`).join(','),
        RATE_LIMIT_SERVER_CALLS: UNREACHABLE_LIMIT,
        DAILY_SPEND_LIMIT_USD: 'off',
      },
    });
    const { baseUrl } = server;
    const post = (body: string, signal?: AbortSignal) =>
      fetch(`${baseUrl}/api/moa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal });
    await (await post(runBody(WARM_UP_NAMESPACE))).text();
    const streams = RUNS * PROPOSERS;
    console.log(
      `Cancellation benchmark: ${count(RUNS)} runs, ${count(streams)} upstream streams at ${TOKENS_PER_SECOND} tokens/s, ` +
        `${availableParallelism()} cores, Node ${process.version}, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before the start\n`,
    );

    const body = runBody(NAMESPACE);
    const reading = Array.from({ length: RUNS }, async () => {
      const response = await post(body, clients.signal);
      const reader = response.body?.getReader();
      while (reader && !(await reader.read()).done);
    });
    const settled = Promise.allSettled(reading);
    const started = await pollStats(upstream, (stats) => stats.started >= streams, DRAIN_TIMEOUT_MS);
    if (started.stats.started < streams) throw new Error(`Only ${started.stats.started} of ${streams} upstream calls started`);
    const sampler = startProcessSampler(server.pid, { includeDescendants: true });
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    const usage = sampler.stop();

    const before = await getConnectionStats(upstream.baseURL, NAMESPACE);
    const leftAt = performance.now();
    clients.abort();
    let atOneSecond: ConnectionStats | undefined;
    let ninetyNineAt: number | undefined;
    const drained = await pollStats(
      upstream,
      (stats, elapsedMs) => {
        if (elapsedMs <= 1_000) atOneSecond = stats;
        if (ninetyNineAt === undefined && stats.open <= before.open * 0.01) ninetyNineAt = elapsedMs;
        return stats.open === 0;
      },
      DRAIN_TIMEOUT_MS,
      leftAt,
    );
    await settled;

    const closedWithinOneSecond = before.open - (atOneSecond?.open ?? before.open) - ((atOneSecond?.completed ?? 0) - before.completed);
    printTable(
      ['streams open when the clients left', 'closed within 1 s', '99 % closed after', 'all closed after', 'ran to completion', "server's CPU while streaming"],
      [
        [
          count(before.open),
          `${count(closedWithinOneSecond)} (${((closedWithinOneSecond / before.open) * 100).toFixed(1)} %)`,
          ninetyNineAt === undefined ? `not within ${DRAIN_TIMEOUT_MS / 1000} s` : `${Math.round(ninetyNineAt)} ms`,
          drained.stats.open === 0 ? `${Math.round(drained.elapsedMs)} ms` : `${count(drained.stats.open)} still open after ${DRAIN_TIMEOUT_MS / 1000} s`,
          count(drained.stats.completed - before.completed),
          `${usage.meanCpuPercent.toFixed(0)} % of a core`,
        ],
      ],
    );
    console.log(`Load average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  } finally {
    clients.abort();
    await server?.stop();
    await upstream.stop();
  }
}, 10 * 60_000);

/**
 * Reads the namespace's connection stats every `POLL_MS` until `done` holds or `timeoutMs` passes; `elapsedMs` is
 * measured from `since` to the moment each reading arrived, so a slow answer never makes a figure look better.
 */
async function pollStats(
  upstream: UpstreamProcess,
  done: (stats: ConnectionStats, elapsedMs: number) => boolean,
  timeoutMs: number,
  since = performance.now(),
): Promise<{ stats: ConnectionStats; elapsedMs: number }> {
  for (;;) {
    const stats = await getConnectionStats(upstream.baseURL, NAMESPACE);
    const elapsedMs = performance.now() - since;
    if (done(stats, elapsedMs) || elapsedMs > timeoutMs) return { stats, elapsedMs };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
