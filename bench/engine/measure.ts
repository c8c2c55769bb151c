/** One run measured through the engine in-process, or through `POST /api/moa` as a client reads it. */
import { POST } from '@/app/api/moa/route';
import type { MoaConfigInput } from '@/lib/protocol/moa-config';
import { runMoA, type RunOutcome } from '@/lib/moa/run-moa';
import { CATALOG } from '@/lib/models/catalog';
import type { SummaryPart } from '@/lib/protocol/run-parts';
import { type AgentSlot, MESSAGES, type ModelFactory, ModelStreamTimer, ROUTE_AGGREGATOR, ROUTE_PROPOSERS, ROUTE_SIMULATOR_SPEED, type Shape, benchGetModel, configInput, engineConfig } from './setup';
import { readChunks } from '@/tests/support/sse';

export interface RunMeasurement {
  wallMs: number;
  criticalPathMs: number;
  modelPathMs?: number;
  firstTokenOnWireMs?: number;
  engineFirstTokenMs?: number;
  eventsPerSecond?: number;
}

export function doneSummary(outcome: RunOutcome | undefined, label: string): SummaryPart {
  if (!outcome) throw new Error(`The ${label} run never finished.`);
  if (outcome.status !== 'done') throw new Error(`The ${label} run ended "${outcome.status}": ${outcome.error.message}`);
  return outcome.summary;
}

export async function measureEngineRun(slots: AgentSlot[][], createModel: ModelFactory, seed: number): Promise<RunMeasurement> {
  const timer = new ModelStreamTimer();
  const outcome = await runMoA({
    config: engineConfig(slots),
    messages: MESSAGES,
    getModel: benchGetModel(slots, createModel, timer),
    onEvent: () => undefined,
    seed,
  });
  const summary = doneSummary(outcome, 'engine');
  return { wallMs: summary.wallTimeMs, criticalPathMs: summary.criticalPathMs, modelPathMs: timer.pathMs() };
}

export function routeConfig(shape: Shape): MoaConfigInput {
  const proposers = ROUTE_PROPOSERS.slice(0, shape.agentsPerLayer).map((name) => `simulator:${name}`);
  const layers = Array.from({ length: shape.proposerLayers }, () => proposers);
  return configInput(layers, `simulator:${ROUTE_AGGREGATOR}`);
}

/** The configured first-token delay of the fastest first-layer proposer, at the route's simulator speed. */
export function fastestConfiguredFirstTokenMs(shape: Shape): number {
  const firstLayer = routeConfig(shape).layers[0]?.agents ?? [];
  const delays = firstLayer.map((agent) => CATALOG.find((model) => model.id === agent.model)?.simulator?.firstTokenMs);
  const known = delays.filter((delay): delay is number => delay !== undefined);
  return Math.min(...known) / ROUTE_SIMULATOR_SPEED;
}

/** `POST /api/moa` with the shape's route config and `seed`, in-process; throws unless it answers 200. */
export async function postRouteRun(shape: Shape, seed: number): Promise<Response> {
  const response = await POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: MESSAGES, config: routeConfig(shape), seed }),
    }),
  );
  if (!response.ok || !response.body) throw new Error(`POST /api/moa answered ${response.status}: ${await response.text()}`);
  return response;
}

export async function measureRouteRun(shape: Shape, seed: number): Promise<RunMeasurement> {
  const startedAt = performance.now();
  const response = await postRouteRun(shape, seed);
  let firstAgentDeltaMs: number | undefined;
  const { chunks } = await readChunks(response, (chunk) => {
    if (firstAgentDeltaMs === undefined && chunk.type === 'data-agent-delta') firstAgentDeltaMs = performance.now() - startedAt;
    return false;
  });
  const totalMs = performance.now() - startedAt;
  const summary = chunks.findLast((chunk) => chunk.type === 'data-summary')?.data as SummaryPart | undefined;
  if (summary?.status !== 'done') throw new Error(`The route run ended "${summary?.status}".`);
  return {
    wallMs: summary.wallTimeMs,
    criticalPathMs: summary.criticalPathMs,
    firstTokenOnWireMs: firstAgentDeltaMs,
    engineFirstTokenMs: summary.firstTokenMs,
    // Every chunk of the stream: one `data:` line each.
    eventsPerSecond: chunks.length / (totalMs / 1000),
  };
}

/** Runs `measure` `runs` times in a row; the seed differs per run so the jitter differs. */
export async function repeat(runs: number, measure: (seed: number) => Promise<RunMeasurement>): Promise<RunMeasurement[]> {
  const measurements: RunMeasurement[] = [];
  for (let run = 1; run <= runs; run += 1) measurements.push(await measure(run));
  return measurements;
}

export async function withEnvironment<T>(variables: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

