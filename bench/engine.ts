/**
 * Engine benchmark: how much time and memory the MoA engine adds on top of the models it waits for.
 *
 * Run it with `npm run bench:engine` (about 2½ minutes on 2 cores). It prints one table, then the first-token and
 * heap lines. It asserts nothing about timing: the figures are for reading, not for passing.
 *
 * Shapes: "1×1" is one proposer and the aggregator (2 layers), "2×4" one layer of 4 proposers and the aggregator,
 * "3×6" two layers of 6 proposers and the aggregator (the paper's shape).
 *
 * Rows (mode):
 * - in-process: `runMoA` over simulator models, first token 150–400 ms, 100–200 tokens/s, at most 120 tokens,
 *   jitter 0.2, each agent different.
 * - http: `runMoA` over the real `@ai-sdk/openai-compatible` provider talking to the local OpenAI-compatible test
 *   server (same first-token delays and pacing, 100-word answers, no jitter). The server runs in this process.
 * - route: the real `POST /api/moa` handler with catalog simulator models at SIMULATOR_SPEED=3, its SSE body read
 *   to the end.
 *
 * Columns:
 * - median wall / median critical path: the run summary's `wallTimeMs` and `criticalPathMs` (the slowest kept
 *   agent of each layer, as the engine timed it, summed over layers).
 * - ratio = wall ÷ critical path: time lost between layers. 1.000 is none; the target is ≤ 1.03 at 3×6.
 * - wall ÷ model path: wall time ÷ the slowest model stream of each layer (from the `doStream` call to its finish
 *   part, timed by a middleware), summed. It also counts what the engine spends inside an agent's own duration
 *   (streamText setup, event handling), which the critical path cannot show. Not available for route rows.
 * - first token on wire: from the request to the first `data-agent-delta` SSE line (route rows only).
 * - events/s: SSE `data:` lines per second over the whole response (route rows only).
 * Every figure is the median over the runs; one discarded 1×1 warm-up run precedes each mode.
 *
 * Below the table:
 * - per route shape, the first proposer token on the wire against the engine's own first-token time (the gap is
 *   route + SSE overhead) and against the fastest agent's configured delay;
 * - per route shape, the same run (same config and seed) through `POST /api/moa` and through the OpenAI-compatible
 *   `POST /v1/chat/completions` (streaming, with usage), in turn: the time from the request to the first byte of the
 *   answer (the first aggregator `text-delta` line, the first chunk with `delta.content`), and each wire's overhead
 *   as the client's wall time (request to the end of the body) ÷ the run's critical path;
 * - heap per run of 50 concurrent 3×6 runs (engine + SSE response): the raw peak − baseline asked for (includes
 *   uncollected garbage, so it depends on GC timing), the live peak after forced collections, and what stays
 *   retained afterwards (a leak shows here); then wall and CPU per run under that load.
 */
import { test } from 'vitest';
import { startOpenAIServer } from '@/tests/support/openai-server';
import { CONCURRENT_RUNS, ROUTE_SIMULATOR_SPEED, RUNS, SHAPES, type Shape, agentSlots, httpModels, simulatorModel } from './engine/setup';
import { type RunMeasurement, measureEngineRun, measureRouteRun, repeat, withEnvironment } from './engine/measure';
import { measureWires } from './engine/wires';
import { measureHeapPerRun } from './engine/heap';
import { format, progress, report, type Row } from './engine/report';

async function measureMode(
  mode: string,
  runs: number,
  measure: (shape: Shape, seed: number) => Promise<RunMeasurement>,
): Promise<Row[]> {
  progress(`${mode} warm-up`);
  await measure(SHAPES[0] as Shape, 0);
  const rows: Row[] = [];
  for (const shape of SHAPES) {
    progress(`${mode} ${shape.name}`);
    rows.push({ mode, shape, measurements: await repeat(runs, (seed) => measure(shape, seed)) });
  }
  return rows;
}

async function runBenchmark(): Promise<string> {
  const inProcess = await measureMode('in-process', RUNS.inProcess, (shape, seed) =>
    measureEngineRun(agentSlots(shape), simulatorModel, seed),
  );

  const server = await startOpenAIServer();
  let http: Row[];
  try {
    const createModel = httpModels(server);
    http = await measureMode('http', RUNS.http, (shape, seed) => measureEngineRun(agentSlots(shape), createModel, seed));
  } finally {
    await server.close();
  }

  const routeEnvironment = { LOCAL_MODELS: 'off', SIMULATOR_SPEED: String(ROUTE_SIMULATOR_SPEED) };
  const route = await withEnvironment(routeEnvironment, () => measureMode('route', RUNS.route, measureRouteRun));
  const wires = await withEnvironment(routeEnvironment, () => measureWires(RUNS.route));

  progress(`heap: ${CONCURRENT_RUNS} concurrent 3×6 runs`);
  const heap = await measureHeapPerRun();
  return report([...inProcess, ...http, ...route], wires, heap);
}

test('engine benchmark', async () => {
  const startedAt = performance.now();
  const text = await runBenchmark();
  console.log(text);
  progress(`done in ${format((performance.now() - startedAt) / 1000, 1)} s`);
});

