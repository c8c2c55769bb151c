/**
 * Cancellation under overload: when many clients leave at once while the server is behind, how soon are their
 * upstream model calls closed?
 *
 * Run it with `npm run bench:cancel` (about a minute, plus a build when `.next` is out of date). Vitest is only the
 * runner; nothing is asserted about the figures. It starts the local OpenAI-compatible test server in a process of
 * its own (`bench/cancel/upstream-process.ts`: it is the instrument, and must not share this process's event loop)
 * and `next start` (`/api/moa` on the edge runtime, as deployed; `CANCEL_BENCH_RUNTIME=node` serves the Node-runtime
 * copy that `npm run bench:cpu` builds instead), then:
 * 1. one short run to warm the route up;
 * 2. `CANCEL_BENCH_RUNS` (50) runs at once, each a layer of six proposers and an aggregator: 300 upstream streams,
 *    each `CANCEL_BENCH_TOKENS_PER_SECOND` (100) tokens/s of an answer far longer than the benchmark, so none ends
 *    by itself. The clients read their responses without parsing them;
 * 3. once every stream has started (or 60 s have passed: an overloaded server starts calls late),
 *    `CANCEL_BENCH_HOLD_MS` (5 s) of streaming, the server's CPU sampled from `/proc` (near 200 % of a core on a
 *    2-core machine, it cannot keep up: 30,000 tokens/s is more than even the bare relay of `bench:cpu` can take);
 * 4. every client aborts its request at the same moment. Every 20 ms this process reads which of the connections
 *    established to the test server's port at that moment the kernel still holds (`bench/cancel/tcp-connections.ts`):
 *    a connection leaves the set when the server closes it, however far behind the test server's own event loop is
 *    (under this load it answers its control endpoints a second or two late, which would hide the figure). Once all
 *    are closed, or 30 s have passed, the test server's own counts are read when it has caught up: how many
 *    responses the server closed and how many ran to completion instead.
 *
 * It prints the share of upstream calls closed within 1 s of the clients leaving (the target is at least 99 %),
 * how long it took until 99 % and until all were closed, and how many ran to completion instead.
 */
import { availableParallelism, loadavg } from 'node:os';
import { test } from 'vitest';
import { buildIfNeeded, startNextServer, type NextServer } from '@/tests/support/next-server.mjs';
import { getConnectionStats, setBehaviors, type ConnectionStats } from '@/tests/support/openai-control';
import { startUpstreamProcess, type UpstreamProcess } from './cancel/start-upstream-process';
import { establishedTo } from './cancel/tcp-connections';
import { nodeRuntimeCopy } from './cpu/node-runtime-copy';
import { upstreamText } from './load/upstream';
import { startProcessSampler } from './load/process-sampler';
import { count, printTable } from './load/report';

const RUNS = Number(process.env.CANCEL_BENCH_RUNS ?? 50);
/** `node` serves the route from the Node-runtime copy `bench:cpu` builds (`bench/cpu/node-runtime-copy.ts`). */
const RUNTIME = process.env.CANCEL_BENCH_RUNTIME === 'node' ? 'node' : 'edge';
const PROPOSERS = 6;
const TOKENS_PER_SECOND = Number(process.env.CANCEL_BENCH_TOKENS_PER_SECOND ?? 100);
const HOLD_MS = Number(process.env.CANCEL_BENCH_HOLD_MS ?? 5_000);
/** Longer than the benchmark lasts at any rate it is run with, so a stream that ends was not cancelled. */
const ANSWER_TOKENS = 6_000;
const NAMESPACE = 'cancel';
const WARM_UP_NAMESPACE = 'cancel-warm-up';
const POLL_MS = 20;
const DRAIN_TIMEOUT_MS = 30_000;
/** An overloaded server starts its runs' calls late; the clients leave after this even if some have not started. */
const START_TIMEOUT_MS = 60_000;
const UNREACHABLE_LIMIT = '100000000';

const models = (namespace: string) => [...Array.from({ length: PROPOSERS }, (_, index) => `p${index + 1}`), 'agg'].map((name) => `${namespace}/${name}`);

function runBody(namespace: string): string {
  const ids = models(namespace);
  return JSON.stringify({
    messages: [{ role: 'user', content: 'How should a small team choose between a monolith and microservices?' }],
    config: {
      layers: [{ agents: ids.slice(0, PROPOSERS).map((model) => ({ model: `together:${model}` })) }],
      aggregator: { model: `together:${ids[PROPOSERS]}` },
      // No call may end by itself while the benchmark runs, not even at the default 60 s time limit.
      agentTimeoutMs: 300_000,
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
      root: RUNTIME === 'node' ? await nodeRuntimeCopy() : undefined,
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
      `Cancellation benchmark (${RUNTIME} runtime): ${count(RUNS)} runs, ${count(streams)} upstream streams at ${TOKENS_PER_SECOND} tokens/s, ` +
        `${availableParallelism()} cores, Node ${process.version}, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before the start\n`,
    );

    const body = runBody(NAMESPACE);
    const statuses: number[] = [];
    const reading = Array.from({ length: RUNS }, async () => {
      const response = await post(body, clients.signal);
      statuses.push(response.status);
      const reader = response.body?.getReader();
      while (reader && !(await reader.read()).done);
    });
    const settled = Promise.allSettled(reading);
    const admittedStreams = () => statuses.filter((status) => status === 200).length * PROPOSERS;
    const started = await pollStats(
      upstream,
      (stats) => statuses.length === RUNS && stats.started >= admittedStreams(),
      START_TIMEOUT_MS,
    );
    const refused = statuses.filter((status) => status !== 200);
    console.log(
      `${count(started.stats.started)} of ${count(streams)} upstream calls started within ${Math.round(started.elapsedMs)} ms` +
        (refused.length > 0 ? `; ${count(refused.length)} runs refused (HTTP ${[...new Set(refused)].join(', ')})` : ''),
    );
    const sampler = startProcessSampler(server.pid, { includeDescendants: true });
    const upstreamSampler = startProcessSampler(upstream.pid, { includeDescendants: true });
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    const usage = sampler.stop();
    const upstreamUsage = upstreamSampler.stop();

    const before = await getConnectionStats(upstream.baseURL, NAMESPACE);
    const port = Number(new URL(upstream.url).port);
    const atLeave = establishedTo(port);
    const leftAt = performance.now();
    clients.abort();
    // The kernel's view, read in this process: when the server closed each connection, however late the test
    // server's own event loop gets to count it.
    const closedCount = () => {
      const now = establishedTo(port);
      let closed = 0;
      for (const peer of atLeave) if (!now.has(peer)) closed += 1;
      return closed;
    };
    let closedAtOneSecond = 0;
    let ninetyNineAt: number | undefined;
    let allAt: number | undefined;
    let readings = 0;
    let longestGapMs = 0;
    let previousReadingMs = 0;
    for (;;) {
      const closed = closedCount();
      const elapsedMs = performance.now() - leftAt;
      readings += 1;
      longestGapMs = Math.max(longestGapMs, elapsedMs - previousReadingMs);
      previousReadingMs = elapsedMs;
      if (elapsedMs <= 1_000) closedAtOneSecond = closed;
      if (ninetyNineAt === undefined && closed >= before.open * 0.99) ninetyNineAt = elapsedMs;
      if (closed >= before.open) allAt = elapsedMs;
      if (allAt !== undefined || elapsedMs > DRAIN_TIMEOUT_MS) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const drained = await pollStats(upstream, (stats) => stats.open === 0, DRAIN_TIMEOUT_MS);
    await settled;

    console.log(
      `Streaming for ${HOLD_MS / 1000} s before the clients left: the server used ${usage.meanCpuPercent.toFixed(0)} % of a core, ` +
        `the test server ${upstreamUsage.meanCpuPercent.toFixed(0)} %\n`,
    );
    printTable(
      ['upstream calls open when the clients left', 'closed within 1 s', '99 % closed after', 'all closed after', 'ran to completion', 'started after the clients left'],
      [
        [
          count(before.open),
          `${count(closedAtOneSecond)} (${((closedAtOneSecond / before.open) * 100).toFixed(1)} %)`,
          ninetyNineAt === undefined ? `not within ${DRAIN_TIMEOUT_MS / 1000} s` : `${Math.round(ninetyNineAt)} ms`,
          allAt === undefined ? `${count(Math.max(0, before.open - closedCount()))} still open after ${DRAIN_TIMEOUT_MS / 1000} s` : `${Math.round(allAt)} ms`,
          count(drained.stats.completed - before.completed),
          count(drained.stats.started - before.started),
        ],
      ],
    );
    console.log(`${count(readings)} readings of /proc/net/tcp, at most ${Math.round(longestGapMs)} ms apart.`);
    console.log(
      `The test server's own count: ${count(drained.stats.clientClosed - before.clientClosed)} closed by the server, ` +
        `${count(drained.stats.completed - before.completed)} completed, ${count(drained.stats.open)} still open once it had caught up.`,
    );
    console.log(`Load average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  } finally {
    clients.abort();
    await server?.stop();
    await upstream.stop();
  }
}, 10 * 60_000);

/** Reads the namespace's connection stats every `POLL_MS` until `done` holds or `timeoutMs` passes. */
async function pollStats(
  upstream: UpstreamProcess,
  done: (stats: ConnectionStats) => boolean,
  timeoutMs: number,
): Promise<{ stats: ConnectionStats; elapsedMs: number }> {
  const since = performance.now();
  for (;;) {
    const stats = await getConnectionStats(upstream.baseURL, NAMESPACE);
    const elapsedMs = performance.now() - since;
    if (done(stats) || elapsedMs > timeoutMs) return { stats, elapsedMs };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
