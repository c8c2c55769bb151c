/**
 * CPU benchmark: what one MoA run costs the server in CPU time, beside the floor, the least any server can spend on
 * the same work.
 *
 * Run it with `npm run bench:cpu` (about 4 minutes, plus builds). Vitest is only the runner; the figures are for
 * reading, nothing is asserted about them. It builds the app when `.next` is out of date, and a copy of it with
 * `/api/moa` on the Node runtime (`bench/cpu/node-runtime-copy.ts`, kept in the temp directory between runs), then
 * starts, against the local OpenAI-compatible test server (in this process):
 * - `next start` of the app as it is (`/api/moa` on the edge runtime);
 * - `next start` of the Node-runtime copy;
 * - the floor (`bench/cpu/floor-server.mjs`): a bare Node HTTP server making the same upstream calls, parsing each
 *   SSE chunk and writing each token out again as an SSE event.
 * Each serves `CPU_BENCH_RUNS` (10) concurrent 3×6 runs (`bench/cpu/workload.ts`: 13 agents, 300 tokens each, first
 * byte 150–600 ms, 40–120 tokens/s) per round, one target at a time, for `CPU_BENCH_ROUNDS` (3) rounds, the order
 * rotating each round; one run each first warms them up. Every run is read to its end and checked. The CPU time of
 * each server's process tree over its phase comes from `/proc` (`bench/load/process-sampler.ts`).
 *
 * It prints, per target, CPU ms per run and per 1,000 upstream tokens (the median over rounds, and each round), and
 * the ratio to the floor, taken within each round (the machine's other load hits both alike) and then the median.
 * The load average before and after is printed: on a shared machine the absolute figures move, the ratio less.
 *
 * The route servers run with the Node options of `npm start` (`startNextServer`). `CPU_BENCH_PROFILE=<directory>`
 * also starts both under `node --cpu-prof` (which `NODE_OPTIONS` refuses), writes their profiles there (`edge/`,
 * `node/`) when they stop and prints each one's top frames by self time. Profiling slows the servers down, so
 * figures from such a run are not comparable with the others. `CPU_BENCH_NODE_ARGS` adds options to Node in both
 * route servers (`--max-semi-space-size=16`, say).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { test } from 'vitest';
import { median } from '@/lib/stats/median';
import { buildIfNeeded, startNextServer, type NextServer } from '@/tests/support/next-server.mjs';
import { startOpenAIServer } from '@/tests/support/openai-server';
import { nodeRuntimeCopy } from './cpu/node-runtime-copy';
import { printTopFrames } from './cpu/profile-summary';
import { startFloorServer, type FloorServer } from './cpu/start-floor-server';
import { floorRun, routeRun, serverModels, TOKENS_PER_RUN, upstreamBehaviors } from './cpu/workload';
import { startProcessSampler } from './load/process-sampler';
import { count, printTable } from './load/report';

const RUNS = Number(process.env.CPU_BENCH_RUNS ?? 10);
const ROUNDS = Number(process.env.CPU_BENCH_ROUNDS ?? 3);
const PROFILE_DIRECTORY = process.env.CPU_BENCH_PROFILE;
/** Options for Node itself in both route servers, e.g. `--experimental-async-context-frame` (`NODE_OPTIONS` may refuse them). */
const NODE_ARGS = (process.env.CPU_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const UNREACHABLE_LIMIT = '100000000';

type Target = { name: string; pid: number; run: () => Promise<void>; cpuMsPerRun: number[] };

test(
  'CPU per 3×6 run: the route on the edge and on Node, beside the floor',
  async () => {
    await buildIfNeeded();
    const nodeRoot = await nodeRuntimeCopy();
    const loadBefore = loadavg();
    const upstream = await startOpenAIServer();
    upstream.setBehaviors(upstreamBehaviors());
    const env = {
      TOGETHER_API_KEY: 'sk-cpu-bench-not-a-real-key',
      TOGETHER_BASE_URL: upstream.baseURL,
      SERVER_MODELS: serverModels(),
      RATE_LIMIT_SERVER_CALLS: UNREACHABLE_LIMIT,
      DAILY_SPEND_LIMIT_USD: 'off',
    };
    const profileArgs = (runtime: string) => {
      if (!PROFILE_DIRECTORY) return [];
      mkdirSync(path.join(PROFILE_DIRECTORY, runtime), { recursive: true });
      return ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIRECTORY, runtime)}`];
    };
    const servers: (NextServer | FloorServer)[] = [];
    try {
      const edge = await startNextServer({ env, nodeArgs: [...NODE_ARGS, ...profileArgs('edge')] });
      servers.push(edge);
      const node = await startNextServer({ root: nodeRoot, env, nodeArgs: [...NODE_ARGS, ...profileArgs('node')] });
      servers.push(node);
      const floor = await startFloorServer(upstream.baseURL);
      servers.push(floor);
      const targets: Target[] = [
        { name: 'floor (bare SSE relay)', pid: floor.pid, run: () => floorRun(floor.baseUrl), cpuMsPerRun: [] },
        { name: 'route, edge runtime', pid: edge.pid, run: () => routeRun(edge.baseUrl), cpuMsPerRun: [] },
        { name: 'route, Node runtime', pid: node.pid, run: () => routeRun(node.baseUrl), cpuMsPerRun: [] },
      ];
      console.log(
        `CPU benchmark: ${count(RUNS)} concurrent 3×6 runs (${count(TOKENS_PER_RUN)} upstream tokens each) per target ` +
          `and round, ${ROUNDS} rounds, ${availableParallelism()} cores, Node ${process.version}, ` +
          `load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before the start\n`,
      );
      for (const target of targets) await target.run();

      for (let round = 0; round < ROUNDS; round += 1) {
        for (let index = 0; index < targets.length; index += 1) {
          const target = targets[(index + round) % targets.length] as Target;
          const sampler = startProcessSampler(target.pid, { includeDescendants: true });
          await Promise.all(Array.from({ length: RUNS }, () => target.run()));
          target.cpuMsPerRun.push((sampler.stop().cpuSeconds * 1000) / RUNS);
        }
      }

      const [floorTarget] = targets as [Target];
      const perThousand = (ms: number) => (ms * 1000) / TOKENS_PER_RUN;
      printTable(
        [
          'target',
          'CPU per run',
          'CPU per 1,000 tokens',
          '× floor (median of rounds)',
          'each round: CPU per run (× floor)',
        ],
        targets.map((target) => {
          const ratios = target.cpuMsPerRun.map((ms, round) => ms / (floorTarget.cpuMsPerRun[round] as number));
          const perRun = median(target.cpuMsPerRun) ?? 0;
          return [
            target.name,
            `${perRun.toFixed(0)} ms`,
            `${perThousand(perRun).toFixed(1)} ms`,
            `${(median(ratios) ?? 0).toFixed(2)}×`,
            target.cpuMsPerRun
              .map((ms, round) => `${ms.toFixed(0)} (${(ratios[round] as number).toFixed(2)}×)`)
              .join(', '),
          ];
        }),
      );
      console.log(
        `Load average after: ${loadavg()
          .map((value) => value.toFixed(2))
          .join(' ')}`,
      );
    } finally {
      for (const server of servers) await server.stop();
      await upstream.close();
    }
    if (PROFILE_DIRECTORY) {
      for (const runtime of ['edge', 'node']) {
        printTopFrames(path.join(PROFILE_DIRECTORY, runtime), {
          limit: 20,
          heading: (file, sampledMs) =>
            `${runtime} server profile ${file}: ${(sampledMs / 1000).toFixed(1)} s of CPU sampled`,
        });
      }
    }
  },
  30 * 60_000,
);
