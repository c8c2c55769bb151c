/**
 * Load benchmark: many people running 3-layer MoAs at once against the production server, then a burst of shares
 * and votes, and whether every write is still there afterwards.
 *
 * Run it with `npm run bench:load` (a few minutes, plus a build). Vitest is only the runner (it resolves `@/` and
 * TypeScript as the test suite does); the benchmark is not part of `npm test`. `LOAD_BENCH_RUNS` and
 * `LOAD_BENCH_WRITES` (shares and votes each) scale it down for quick rounds while working on the server; the
 * targets are meant for the defaults. `LOAD_BENCH_RUNTIME=node` serves the copy with `/api/moa` on the Node runtime
 * that `npm run bench:cpu` builds (`bench/cpu/node-runtime-copy.ts`). `LOAD_BENCH_PROFILE=<directory>` starts the
 * server under `node --cpu-prof`, writing its profile there, and prints its top frames over the burst of runs (from
 * their requests to the last first event); profiling slows the server, so such a run's figures are not comparable.
 * It runs `npx next build` first when `.next` is missing or older than a source file, then starts:
 * - the local OpenAI-compatible test server (`tests/support/openai-server.ts`) in this process, as the upstream;
 * - `next start` on a free loopback port, in its own process group, with `LOCAL_MODELS=off`, a fake
 *   `TOGETHER_API_KEY`, `TOGETHER_BASE_URL` pointing at the test server, `SERVER_MODELS` pricing its models (the
 *   server's keys run no model outside the catalog otherwise), a fresh temporary `DATA_DIR` (libSQL file
 *   database), `CLIENT_IP_HEADER=x-bench-client` and every rate limit and the daily spend limit set to 100,000,000,
 *   so limits are active but never reached. Each virtual client sends its own `x-bench-client` address from
 *   198.18.0.0/15, the range RFC 2544 reserves for benchmarks.
 * Both are stopped at the end, also on an error, Ctrl-C, SIGTERM or the runner going away.
 *
 * Phases, in order:
 * 1. Warm-up, not counted: one run, one share (created and read) and one vote, so the first-request costs
 *    (loading the route bundles, opening and migrating the database) are not in the figures.
 * 2. Floor: 100 `POST /api/moa` sent at once with an empty body, which the route rejects (400) before any run
 *    starts: what a burst costs the server and this client with no MoA in it, the floor under the time to first
 *    event. It also leaves each of the 100 virtual clients a keep-alive connection for its run, so the runs do not
 *    time this one process opening 100 sockets at once (real clients each open their own, in parallel).
 * 3. Runs: 100 `POST /api/moa` sent at once, right after, each a 3×6 MoA (the paper's shape: two proposer layers of the same six
 *    models, then an aggregator) over the test server. Upstream latencies (`bench/load/upstream.ts`):
 *
 *    | model      | first byte | tokens/s | answer tokens |
 *    |------------|------------|----------|---------------|
 *    | p1         | 150 ms     | 120      | 320           |
 *    | p2         | 220 ms     | 100      | 260           |
 *    | p3         | 300 ms     | 85       | 300           |
 *    | p4         | 380 ms     | 70       | 220           |
 *    | p5         | 470 ms     | 55       | 240           |
 *    | p6         | 600 ms     | 40       | 200           |
 *    | aggregator | 250 ms     | 75       | 350           |
 *
 *    Each run has its own copy of every model, with first byte and tokens/s each scaled by a deterministic factor
 *    in [0.8, 1.2], so the runs do not move in lockstep. A token is one word of deterministic prose. A run takes
 *    about 17 s when the server keeps up (the slowest proposer twice, ~6 s each, then the aggregator, ~5 s).
 *    Per run, from the moment its request is sent: the response headers, the first event (the first SSE `data:`
 *    line, which is `start`), the last token (the last `text-delta` of the answer) and the end of the stream; and
 *    the upstream calls the engine retried, with why. A run fails when the status is not 200, the stream errors or
 *    outlasts the route's `maxDuration` (300 s), it holds an `error` part, its `data-summary` is missing or not
 *    `done`, it does not end with `finish`, or its answer is not exactly the aggregator's upstream text.
 * 4. Shares: 1,000 `POST /api/shares`, 50 in flight (50 virtual clients, each sending its next one as soon as the
 *    previous is answered). Each snapshot is the question and the assistant message of a completed run of phase 3,
 *    as the client would share it (`tests/support/share-fixtures.ts`), about 30 KB, the question numbered so every
 *    share differs. A write succeeds when answered 201 with an id. Latency is to the end of the response body.
 * 5. Votes: 1,000 `POST /api/votes` the same way, each on its own comparison, so none is a duplicate, with a
 *    receipt the bench signed with the secret it gave the server. A write succeeds when answered 201
 *    `{ recorded: true }`.
 * 6. Read-back: every acknowledged share with `GET /api/shares/<id>`, its snapshot compared with what was sent;
 *    then the server is stopped and every acknowledged vote is looked up in the database file itself
 *    (`@libsql/client`, table `comparison_votes`), every column compared: a write the server only held in memory is lost.
 *
 * Resources: `next start` and its descendants are sampled every 250 ms from `/proc/<pid>/stat` (CPU) and
 * `/proc/<pid>/status` (VmRSS) during phases 3 to 5: peak RSS, peak CPU over one 250 ms interval and mean CPU (in %
 * of one core: 200 % is both cores of a 2-core machine), and CPU seconds. This process (the clients and the upstream
 * server) is sampled the same way, with its event-loop delay during the runs: when it is busy, the times it
 * measures grow although the server is not slower. Lines of the server's output that mention an error or a warning
 * are counted and the most frequent shown.
 *
 * It prints markdown tables and the targets judged: zero failed runs, zero lost writes (every write acknowledged and
 * read back unchanged), and time to first event p99 under 250 ms and within 2× the rejected burst's p99. It fails
 * (exits non-zero) when a run failed or a write failed or was lost, not for the latency targets, which are figures to
 * read; the temporary database is then kept for a look. On a 2-core machine shared with other work the figures are noisy: the report prints the load
 * average before the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { test } from 'vitest';
import type { ShareSnapshot } from '@/lib/protocol/share';
import { buildIfNeeded, startNextServer, type NextServer } from '@/tests/support/next-server.mjs';
import { startOpenAIServer } from '@/tests/support/openai-server';
import { sharedMessageFromChunks, type SharedAssistantMessage } from '@/tests/support/shared-message';
import { nodeRuntimeCopy } from './cpu/node-runtime-copy';
import { monotonicMicroseconds, printTopFrames } from './cpu/profile-summary';
import { timeRejectedBurst, timeRun, type RunOutcome } from './load/moa-runs';
import { startProcessSampler } from './load/process-sampler';
import { count, printReport, seconds, type PhaseUsage } from './load/report';
import { createShares, readBackShares } from './load/shares';
import { EXPECTED_ANSWER, runQuestion, runRequest, upstreamBehaviors } from './load/upstream';
import { castVotes, readBackVotes, voteBodies } from './load/votes';

/** Smaller counts make quicker rounds while working on the server; the targets are meant for the defaults. */
/** The server's `COMPARISON_SECRET`, which the bench also signs its votes' receipts with. */
const RECEIPT_SECRET = 'load-bench-comparison-secret-not-for-production';
const RUNS = Number(process.env.LOAD_BENCH_RUNS ?? 100);
const SHARES = Number(process.env.LOAD_BENCH_WRITES ?? 1_000);
const VOTES = SHARES;
const WRITE_CONCURRENCY = 50;
/** The route's `maxDuration`: a run still going then would be cut off by the platform. */
const RUN_TIMEOUT_MS = 300_000;
const WRITE_TIMEOUT_MS = 30_000;
/** High enough never to be reached, so the limiters run on every request without refusing one. */
const UNREACHABLE_LIMIT = '100000000';
/** Starts the server under `node --cpu-prof`, writing its profile here (see the header). */
const PROFILE_DIRECTORY = process.env.LOAD_BENCH_PROFILE;

/** The address of virtual client `number` (1–255) of a phase (0–255), in the benchmarking range 198.18.0.0/15. */
const clientIp = (phase: number, number: number) => `198.18.${phase}.${number}`;
const PHASE_ADDRESS = { runs: 0, shares: 1, votes: 2, readBack: 3, warmUp: 4 } as const;

test(
  '100 concurrent 3×6 runs, then 1,000 shares and 1,000 votes 50 at a time, every write read back',
  async () => {
    await buildIfNeeded();
    const loadBefore = loadavg()[0] ?? 0;
    const dataDirectory = mkdtempSync(path.join(tmpdir(), 'moa-load-'));
    const upstream = await startOpenAIServer();
    // Run 0 is the warm-up.
    const behaviors = upstreamBehaviors(RUNS + 1);
    upstream.setBehaviors(behaviors);
    let server: NextServer | undefined;
    let keepData = false;
    const cleanUp = async () => {
      await server?.stop();
      await upstream.close();
      if (!keepData) rmSync(dataDirectory, { recursive: true, force: true });
    };
    const stopEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'disconnect'] as const;
    const onInterrupt = () => void cleanUp().finally(() => process.exit(130));
    for (const event of stopEvents) process.once(event, onInterrupt);

    try {
      server = await startNextServer({
        root: process.env.LOAD_BENCH_RUNTIME === 'node' ? await nodeRuntimeCopy() : undefined,
        nodeArgs: PROFILE_DIRECTORY ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIRECTORY}`] : [],
        env: {
          TOGETHER_API_KEY: 'sk-load-bench-not-a-real-key',
          TOGETHER_BASE_URL: upstream.baseURL,
          // The server's keys run only priced models: these are outside the catalog.
          SERVER_MODELS: Object.keys(behaviors)
            .map((modelId) => `together:${modelId}=0/0`)
            .join(','),
          DATA_DIR: dataDirectory,
          COMPARISON_SECRET: RECEIPT_SECRET,
          // The database must be the file in DATA_DIR, whatever this shell has set.
          LIBSQL_URL: '',
          LIBSQL_AUTH_TOKEN: '',
          CLIENT_IP_HEADER: 'x-bench-client',
          RATE_LIMIT_SERVER_CALLS: UNREACHABLE_LIMIT,
          RATE_LIMIT_BYO_CALLS: UNREACHABLE_LIMIT,
          RATE_LIMIT_SIMULATED_CALLS: UNREACHABLE_LIMIT,
          RATE_LIMIT_WRITES: UNREACHABLE_LIMIT,
          DAILY_SPEND_LIMIT_USD: UNREACHABLE_LIMIT,
        },
      });
      const { baseUrl } = server;
      const logFrom = server.output().length;
      console.log(
        `Load benchmark: next start at ${baseUrl} (pid ${server.pid}), upstream ${upstream.baseURL}, ` +
          `${availableParallelism()} cores, load average ${loadBefore.toFixed(2)} before the start, Node ${process.version}, ` +
          `${count(RUNS)} runs, ${count(SHARES)} shares and ${count(VOTES)} votes\n`,
      );

      // 1. Warm-up.
      const runOptions = (run: number, address: string) => ({
        baseUrl,
        run,
        body: JSON.stringify(runRequest(run)),
        clientIp: address,
        expectedAnswer: EXPECTED_ANSWER,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      const warmUp = await timeRun(runOptions(0, clientIp(PHASE_ADDRESS.warmUp, 1)));
      console.log(
        `Warm-up run: ${warmUp.failure ? `failed (${warmUp.failure})` : `completed in ${seconds(warmUp.endMs)}`}`,
      );
      const traffic = (phase: number, concurrency = WRITE_CONCURRENCY) => ({
        baseUrl,
        concurrency,
        clientIp: (slot: number) => clientIp(phase, slot + 1),
        timeoutMs: WRITE_TIMEOUT_MS,
      });
      const warmUpShare = await createShares([snapshotOf(warmUp, 'Warm-up share')], traffic(PHASE_ADDRESS.warmUp, 1));
      await readBackShares(warmUpShare.created, traffic(PHASE_ADDRESS.warmUp, 1));
      await castVotes(
        await voteBodies(1, [], 'together:load/warm-up', RECEIPT_SECRET),
        traffic(PHASE_ADDRESS.warmUp, 1),
      );

      // 2. and 3. The floor burst, then the runs at once (bodies serialized first, so that is not timed).
      const runClients = Array.from({ length: RUNS }, (_, index) => clientIp(PHASE_ADDRESS.runs, index + 1));
      const runRequests = runClients.map((address, index) => runOptions(index + 1, address));
      const floorMs = await timeRejectedBurst(baseUrl, runClients, WRITE_TIMEOUT_MS);
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const runsSentAt = monotonicMicroseconds();
      const runsPhase = await measure('runs', server.pid, () => Promise.all(runRequests.map(timeRun)));
      loopDelay.disable();
      // The burst: from the runs' requests to the last first event (or the end of a run that sent none).
      const burstMs = Math.max(...runsPhase.result.map((outcome) => outcome.firstEventMs ?? outcome.endMs));
      const burst = { fromMicroseconds: runsSentAt, toMicroseconds: runsSentAt + burstMs * 1000 };

      // 4. and 5. Shares, then votes, 50 in flight.
      const completed = runsPhase.result.filter((outcome) => !outcome.failure);
      const sources = completed.length > 0 ? completed : [warmUp];
      const snapshots = Array.from({ length: SHARES }, (_, index) =>
        snapshotOf(sources[index % sources.length] as RunOutcome, `Share ${index + 1} of ${SHARES}`),
      );
      const sharesPhase = await measure('shares', server.pid, () =>
        createShares(snapshots, traffic(PHASE_ADDRESS.shares)),
      );
      const votes = await voteBodies(VOTES, modelsOf(runRequest(1)), 'together:load/baseline', RECEIPT_SECRET);
      const votesPhase = await measure('votes', server.pid, () => castVotes(votes, traffic(PHASE_ADDRESS.votes)));

      // 6. Read-back: shares through the API, then votes from the database file once the server has stopped.
      const sharesReadBack = await readBackShares(sharesPhase.result.created, traffic(PHASE_ADDRESS.readBack));
      const serverLog = server.output().slice(logFrom);
      await server.stop();
      const acknowledgedVotes = votes.filter((_, index) => !votesPhase.result[index]?.failure);
      const votesReadBack = await readBackVotes(path.join(dataDirectory, 'moa-studio.db'), acknowledgedVotes);

      const passed = printReport({
        floorMs,
        runs: runsPhase.result,
        runsWallMs: runsPhase.wallMs,
        loopDelay: { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 },
        writes: [
          {
            name: 'shares',
            outcomes: sharesPhase.result.outcomes,
            wallMs: sharesPhase.wallMs,
            readBack: sharesReadBack,
            readBackMethod: 'GET /api/shares/<id>',
          },
          {
            name: 'votes',
            outcomes: votesPhase.result,
            wallMs: votesPhase.wallMs,
            readBack: votesReadBack,
            readBackMethod: `row in the database file (the table has ${count(votesReadBack.rows)}, the warm-up's included)`,
          },
        ],
        usage: [runsPhase.usage, sharesPhase.usage, votesPhase.usage],
        serverLog,
      });
      if (PROFILE_DIRECTORY) {
        printTopFrames(PROFILE_DIRECTORY, {
          limit: 25,
          window: burst,
          heading: (file, sampledMs) =>
            `Server profile ${file}, the burst only (${count(Math.round(burstMs))} ms from the runs' requests to the last first ` +
            `event): ${count(Math.round(sampledMs))} ms of CPU sampled`,
        });
      }
      if (!passed) {
        keepData = true;
        throw new Error(`Load benchmark failed: see the report above. The database is kept in ${dataDirectory}.`);
      }
    } finally {
      for (const event of stopEvents) process.off(event, onInterrupt);
      await cleanUp();
    }
  },
  30 * 60_000,
);

/** A one-turn share of a completed run: its question, numbered by `label`, and its assistant message. */
function snapshotOf(run: RunOutcome, label: string): ShareSnapshot {
  let answer: SharedAssistantMessage;
  try {
    answer = sharedMessageFromChunks(run.chunks);
  } catch {
    // Only when no run completed: the writes still go on, with the smallest valid run.
    answer = { role: 'assistant', parts: [{ type: 'text', text: EXPECTED_ANSWER }] };
  }
  return { version: 1, messages: [{ role: 'user', text: `${label}: ${runQuestion(run.run)}` }, answer] };
}

/** Every model of a run request, proposers then aggregator. */
function modelsOf(request: ReturnType<typeof runRequest>): string[] {
  const config = request.config;
  if (!config) return [];
  return [...config.layers.flatMap((layer) => layer.agents.map((agent) => agent.model)), config.aggregator.model];
}

/** Runs `work` while sampling the server (with its descendants) and this process; also times it. */
async function measure<Result>(
  name: string,
  serverPid: number,
  work: () => Promise<Result>,
): Promise<{ result: Result; wallMs: number; usage: PhaseUsage }> {
  const server = startProcessSampler(serverPid, { includeDescendants: true });
  const bench = startProcessSampler(process.pid);
  const startedAt = performance.now();
  const result = await work();
  const wallMs = performance.now() - startedAt;
  return { result, wallMs, usage: { name, server: server.stop(), bench: bench.stop() } };
}
