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
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { test } from 'vitest';
import { POST } from '@/app/api/moa/route';
import { POST as postChatCompletion } from '@/app/v1/chat/completions/route';
import { moaConfigSchema, type MoaConfig, type MoaConfigInput } from '@/lib/protocol/moa-config';
import type { GetModel } from '@/lib/moa/model-handle';
import { runMoA, type RunOutcome } from '@/lib/moa/run-moa';
import { CATALOG } from '@/lib/models/catalog';
import { createSimulatedModel } from '@/lib/models/simulator';
import type { SummaryPart } from '@/lib/protocol/run-parts';
import { createMoaStreamResponse } from '@/lib/stream/moa-ui-stream';
import { startOpenAIServer, type OpenAIServer } from '@/tests/support/openai-server';

// ---------------------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------------------

const MESSAGES = [
  { role: 'user' as const, content: 'How should a small team choose between a monolith and microservices?' },
];
const MAX_OUTPUT_TOKENS = 120;
const SIMULATOR_JITTER = 0.2;
const HTTP_ANSWER_WORDS = 100;
const RUNS = { inProcess: 5, http: 5, route: 3 };
const ROUTE_SIMULATOR_SPEED = 3;
/** Route proposers, fastest first; the paper's aggregator is Qwen1.5-110B. */
const ROUTE_PROPOSERS = ['llama-3-70b', 'mixtral-8x22b', 'dbrx', 'qwen-72b', 'wizardlm-8x22b', 'qwen-110b'];
const ROUTE_AGGREGATOR = 'qwen-110b';
const CONCURRENT_RUNS = 50;
const HEAP_SAMPLE_MS = 20;
const LIVE_SAMPLE_MS = 5_000;

interface Shape {
  name: string;
  proposerLayers: number;
  agentsPerLayer: number;
}

const SHAPES: Shape[] = [
  { name: '1×1', proposerLayers: 1, agentsPerLayer: 1 },
  { name: '2×4', proposerLayers: 1, agentsPerLayer: 4 },
  { name: '3×6', proposerLayers: 2, agentsPerLayer: 6 },
];
const PAPER_SHAPE = SHAPES[2] as Shape;

// ---------------------------------------------------------------------------------------------------------------
// Agents and configs
// ---------------------------------------------------------------------------------------------------------------

interface AgentLatency {
  firstTokenMs: number;
  tokensPerSecond: number;
}

/** One agent of a benchmark run: the model id the config names, its layer (1-based) and how fast it answers. */
interface AgentSlot {
  modelId: string;
  layer: number;
  latency: AgentLatency;
}

/** Spreads agents over 150–400 ms to the first token and 100–200 tokens/s, in a different mix in every layer. */
function latencyOf(layer: number, index: number): AgentLatency {
  const delayStep = (layer * 7 + index * 5) % 6;
  const paceStep = (layer + index) % 6;
  return { firstTokenMs: 150 + 50 * delayStep, tokensPerSecond: 100 + 20 * paceStep };
}

/** The agents of a shape, layer by layer; the last layer holds the aggregator alone. */
function agentSlots(shape: Shape): AgentSlot[][] {
  const layerSizes = [...Array<number>(shape.proposerLayers).fill(shape.agentsPerLayer), 1];
  return layerSizes.map((size, layerIndex) =>
    Array.from({ length: size }, (_, agentIndex) => {
      const layer = layerIndex + 1;
      const index = agentIndex + 1;
      return { modelId: `bench:l${layer}-a${index}`, layer, latency: latencyOf(layer, index) };
    }),
  );
}

function configInput(proposerLayers: string[][], aggregatorModel: string): MoaConfigInput {
  const spec = (model: string) => ({ model, maxOutputTokens: MAX_OUTPUT_TOKENS });
  return {
    layers: proposerLayers.map((models) => ({ agents: models.map(spec) })),
    aggregator: spec(aggregatorModel),
  };
}

function engineConfig(slots: AgentSlot[][]): MoaConfig {
  const modelIds = slots.map((layer) => layer.map((slot) => slot.modelId));
  const aggregator = modelIds.at(-1)?.[0];
  if (aggregator === undefined) throw new Error('A benchmark shape needs an aggregator.');
  return moaConfigSchema.parse(configInput(modelIds.slice(0, -1), aggregator));
}

// ---------------------------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------------------------

/** The slowest model stream of each layer in one run, from the `doStream` call to the finish part. */
class ModelStreamTimer {
  private readonly slowestByLayer = new Map<number, number>();

  record(layer: number, durationMs: number): void {
    this.slowestByLayer.set(layer, Math.max(durationMs, this.slowestByLayer.get(layer) ?? 0));
  }

  pathMs(): number {
    return [...this.slowestByLayer.values()].reduce((sum, duration) => sum + duration, 0);
  }
}

function timedModel(model: LanguageModelV4, layer: number, timer: ModelStreamTimer): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v4',
      wrapStream: async ({ doStream }) => {
        const startedAt = performance.now();
        const result = await doStream();
        const stream = result.stream.pipeThrough(
          new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
            transform(part, controller) {
              if (part.type === 'finish') timer.record(layer, performance.now() - startedAt);
              controller.enqueue(part);
            },
          }),
        );
        return { ...result, stream };
      },
    },
  });
}

type ModelFactory = (slot: AgentSlot) => LanguageModelV4;

function benchGetModel(slots: AgentSlot[][], createModel: ModelFactory, timer: ModelStreamTimer): GetModel {
  const slotsById = new Map(slots.flat().map((slot) => [slot.modelId, slot]));
  return (modelId) => {
    const slot = slotsById.get(modelId);
    if (!slot) throw new Error(`The benchmark has no model "${modelId}".`);
    return {
      model: timedModel(createModel(slot), slot.layer, timer),
      info: {
        id: modelId,
        displayName: modelId,
        provider: 'bench',
        simulated: true,
        inputPricePerMillion: 0,
        outputPricePerMillion: 0,
      },
    };
  };
}

const simulatorModel: ModelFactory = (slot) =>
  createSimulatedModel({ modelId: slot.modelId, profile: { ...slot.latency, jitter: SIMULATOR_JITTER } });

/** The test server's model id for a slot: its namespace is "bench". */
function serverModelId(slot: AgentSlot): string {
  return slot.modelId.replace(':', '/');
}

function answerText(words: number): string {
  return Array.from({ length: words }, (_, index) => `word${index + 1}`).join(' ');
}

function httpModels(server: OpenAIServer): ModelFactory {
  const provider = createOpenAICompatible({ name: 'bench', baseURL: server.baseURL, apiKey: 'x', includeUsage: true });
  const everySlot = SHAPES.flatMap((shape) => agentSlots(shape).flat());
  server.setBehaviors(
    Object.fromEntries(
      everySlot.map((slot) => [
        serverModelId(slot),
        {
          text: answerText(HTTP_ANSWER_WORDS),
          firstByteMs: slot.latency.firstTokenMs,
          tokensPerSecond: slot.latency.tokensPerSecond,
        },
      ]),
    ),
  );
  return (slot) => provider(serverModelId(slot));
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------------------------

interface RunMeasurement {
  wallMs: number;
  criticalPathMs: number;
  modelPathMs?: number;
  firstTokenOnWireMs?: number;
  engineFirstTokenMs?: number;
  eventsPerSecond?: number;
}

function doneSummary(outcome: RunOutcome | undefined, label: string): SummaryPart {
  if (!outcome) throw new Error(`The ${label} run never finished.`);
  if (outcome.status !== 'done') throw new Error(`The ${label} run ended "${outcome.status}": ${outcome.error.message}`);
  return outcome.summary;
}

async function measureEngineRun(slots: AgentSlot[][], createModel: ModelFactory, seed: number): Promise<RunMeasurement> {
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

interface SseReading {
  dataLines: number;
  firstAgentDeltaMs: number | undefined;
  totalMs: number;
  summary: SummaryPart | undefined;
}

/** Reads an SSE body to its end, counting `data:` lines and timing the first agent delta from `startedAt`. */
async function readSse(body: ReadableStream<Uint8Array>, startedAt: number): Promise<SseReading> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const reading: SseReading = { dataLines: 0, firstAgentDeltaMs: undefined, totalMs: 0, summary: undefined };
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) readSseLine(line, reading, startedAt);
  }
  reading.totalMs = performance.now() - startedAt;
  return reading;
}

function readSseLine(line: string, reading: SseReading, startedAt: number): void {
  if (!line.startsWith('data:')) return;
  reading.dataLines += 1;
  if (reading.firstAgentDeltaMs === undefined && line.includes('"type":"data-agent-delta"')) {
    reading.firstAgentDeltaMs = performance.now() - startedAt;
  }
  if (line.includes('"type":"data-summary"')) {
    reading.summary = (JSON.parse(line.slice('data:'.length)) as { data: SummaryPart }).data;
  }
}

function routeConfig(shape: Shape): MoaConfigInput {
  const proposers = ROUTE_PROPOSERS.slice(0, shape.agentsPerLayer).map((name) => `simulator:${name}`);
  const layers = Array.from({ length: shape.proposerLayers }, () => proposers);
  return configInput(layers, `simulator:${ROUTE_AGGREGATOR}`);
}

/** The configured first-token delay of the fastest first-layer proposer, at the route's simulator speed. */
function fastestConfiguredFirstTokenMs(shape: Shape): number {
  const firstLayer = routeConfig(shape).layers[0]?.agents ?? [];
  const delays = firstLayer.map((agent) => CATALOG.find((model) => model.id === agent.model)?.simulator?.firstTokenMs);
  const known = delays.filter((delay): delay is number => delay !== undefined);
  return Math.min(...known) / ROUTE_SIMULATOR_SPEED;
}

async function measureRouteRun(shape: Shape, seed: number): Promise<RunMeasurement> {
  const startedAt = performance.now();
  const response = await POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: MESSAGES, config: routeConfig(shape), seed }),
    }),
  );
  if (!response.ok || !response.body) {
    throw new Error(`POST /api/moa answered ${response.status}: ${await response.text()}`);
  }
  const reading = await readSse(response.body, startedAt);
  if (reading.summary?.status !== 'done') throw new Error(`The route run ended "${reading.summary?.status}".`);
  return {
    wallMs: reading.summary.wallTimeMs,
    criticalPathMs: reading.summary.criticalPathMs,
    firstTokenOnWireMs: reading.firstAgentDeltaMs,
    engineFirstTokenMs: reading.summary.firstTokenMs,
    eventsPerSecond: reading.dataLines / (reading.totalMs / 1000),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The two wires of one run: /api/moa and /v1/chat/completions
// ---------------------------------------------------------------------------------------------------------------

interface AnswerTiming {
  /** From the request to the first byte of the answer's text on the wire. */
  firstAnswerByteMs: number;
  /** From the request to the end of the response body. */
  clientWallMs: number;
  criticalPathMs: number;
}

/** Reads an SSE body to its end; `firstAnswer` says whether a `data:` line carries answer text. */
async function readAnswerSse(
  body: ReadableStream<Uint8Array>,
  startedAt: number,
  firstAnswer: (line: string) => boolean,
  summaryOf: (line: string) => SummaryPart | undefined,
): Promise<AnswerTiming> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let firstAnswerByteMs = Number.NaN;
  let summary: SummaryPart | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data:')) continue;
      if (Number.isNaN(firstAnswerByteMs) && firstAnswer(line)) firstAnswerByteMs = performance.now() - startedAt;
      summary = summaryOf(line) ?? summary;
    }
  }
  if (summary?.status !== 'done') throw new Error(`A wire comparison run ended "${summary?.status}".`);
  return { firstAnswerByteMs, clientWallMs: performance.now() - startedAt, criticalPathMs: summary.criticalPathMs };
}

async function measureMoaWire(shape: Shape, seed: number): Promise<AnswerTiming> {
  const startedAt = performance.now();
  const response = await POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: MESSAGES, config: routeConfig(shape), seed }),
    }),
  );
  if (!response.ok || !response.body) throw new Error(`POST /api/moa answered ${response.status}: ${await response.text()}`);
  return readAnswerSse(
    response.body,
    startedAt,
    (line) => line.includes('"type":"text-delta"'),
    (line) => (line.includes('"type":"data-summary"') ? (JSON.parse(line.slice('data:'.length)) as { data: SummaryPart }).data : undefined),
  );
}

async function measureChatWire(shape: Shape, seed: number): Promise<AnswerTiming> {
  const startedAt = performance.now();
  const response = await postChatCompletion(
    new Request('http://localhost/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'moa',
        messages: MESSAGES,
        seed,
        stream: true,
        stream_options: { include_usage: true },
        moa: { config: routeConfig(shape) },
      }),
    }),
  );
  if (!response.ok || !response.body) throw new Error(`POST /v1/chat/completions answered ${response.status}: ${await response.text()}`);
  return readAnswerSse(
    response.body,
    startedAt,
    (line) => /"content":"[^"]/.test(line),
    (line) => {
      if (line.trim() === 'data: [DONE]' || !line.includes('"usage":{')) return undefined;
      return (JSON.parse(line.slice('data:'.length)) as { usage: { moa: { summary: SummaryPart } } }).usage.moa.summary;
    },
  );
}

interface WireRow {
  shape: Shape;
  moa: AnswerTiming[];
  chat: AnswerTiming[];
}

/** Each shape's run through both wires, in turn (the order alternates), with the same seed for both. */
async function measureWires(runs: number): Promise<WireRow[]> {
  progress('wires warm-up');
  await measureMoaWire(SHAPES[0] as Shape, 0);
  await measureChatWire(SHAPES[0] as Shape, 0);
  const rows: WireRow[] = [];
  for (const shape of SHAPES) {
    progress(`wires ${shape.name}`);
    const row: WireRow = { shape, moa: [], chat: [] };
    for (let run = 1; run <= runs; run += 1) {
      if (run % 2 === 1) {
        row.moa.push(await measureMoaWire(shape, run));
        row.chat.push(await measureChatWire(shape, run));
      } else {
        row.chat.push(await measureChatWire(shape, run));
        row.moa.push(await measureMoaWire(shape, run));
      }
    }
    rows.push(row);
  }
  return rows;
}

function wireLines(rows: WireRow[]): string[] {
  const firstByte = (timings: AnswerTiming[]) => median(timings.map((timing) => timing.firstAnswerByteMs));
  const overhead = (timings: AnswerTiming[]) => median(timings.map((timing) => timing.clientWallMs / timing.criticalPathMs));
  return rows.map((row) => {
    const moa = firstByte(row.moa);
    const chat = firstByte(row.chat);
    return (
      `Answer's first byte, route ${row.shape.name} (same run and seed, median of ${row.moa.length}): /api/moa ${format(moa)} ms, ` +
      `/v1/chat/completions ${format(chat)} ms (${chat - moa >= 0 ? '+' : ''}${format(chat - moa)} ms); client wall ÷ critical path: ` +
      `/api/moa ${format(overhead(row.moa), 3)}, /v1/chat/completions ${format(overhead(row.chat), 3)}.`
    );
  });
}

/** Runs `measure` `runs` times in a row; the seed differs per run so the jitter differs. */
async function repeat(runs: number, measure: (seed: number) => Promise<RunMeasurement>): Promise<RunMeasurement[]> {
  const measurements: RunMeasurement[] = [];
  for (let run = 1; run <= runs; run += 1) measurements.push(await measure(run));
  return measurements;
}

async function withEnvironment<T>(variables: Record<string, string>, work: () => Promise<T>): Promise<T> {
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

// ---------------------------------------------------------------------------------------------------------------
// Heap
// ---------------------------------------------------------------------------------------------------------------

interface HeapMeasurement {
  garbageCollectorExposed: boolean;
  baselineBytes: number;
  /** Highest `heapUsed` sampled every HEAP_SAMPLE_MS: live objects plus garbage not collected yet. */
  peakBytes: number;
  /** Highest `heapUsed` right after a forced collection (taken every LIVE_SAMPLE_MS): live objects only. */
  peakLiveBytes: number | undefined;
  /** Left over after the runs and a collection: what runs leak. */
  retainedBytes: number;
  wallMs: number;
  cpuMs: number;
  medianRatio: number;
}


function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  return true;
}

async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  while (!(await reader.read()).done) {
    // Discard: the browser would render these; here only their cost matters.
  }
}

/** One run through the engine and the SSE response, its body consumed as a client would. */
async function streamEngineRun(slots: AgentSlot[][], seed: number): Promise<SummaryPart> {
  let outcome: RunOutcome | undefined;
  const response = createMoaStreamResponse({
    runId: `bench-${seed}`,
    startedAt: Date.now(),
    requestSignal: new AbortController().signal,
    run: async ({ onEvent, signal }) => {
      outcome = await runMoA({
        config: engineConfig(slots),
        messages: MESSAGES,
        getModel: benchGetModel(slots, simulatorModel, new ModelStreamTimer()),
        onEvent,
        signal,
        seed,
      });
      return outcome;
    },
  });
  await drain(response.body);
  return doneSummary(outcome, 'concurrent');
}

/** Samples `heapUsed` while `work` runs: raw every HEAP_SAMPLE_MS, after a forced collection every LIVE_SAMPLE_MS. */
async function sampleHeapDuring<T>(work: () => Promise<T>) {
  let peakBytes = process.memoryUsage().heapUsed;
  let peakLiveBytes: number | undefined;
  const sampleRaw = () => {
    peakBytes = Math.max(peakBytes, process.memoryUsage().heapUsed);
  };
  const sampleLive = () => {
    sampleRaw();
    if (collectGarbage()) peakLiveBytes = Math.max(peakLiveBytes ?? 0, process.memoryUsage().heapUsed);
  };
  const rawSampler = setInterval(sampleRaw, HEAP_SAMPLE_MS);
  const liveSampler = setInterval(sampleLive, LIVE_SAMPLE_MS);
  try {
    const result = await work();
    sampleRaw();
    return { result, peakBytes, peakLiveBytes };
  } finally {
    clearInterval(rawSampler);
    clearInterval(liveSampler);
  }
}

async function measureHeapPerRun(): Promise<HeapMeasurement> {
  const slots = agentSlots(PAPER_SHAPE);
  const garbageCollectorExposed = collectGarbage();
  const baselineBytes = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const { result: summaries, peakBytes, peakLiveBytes } = await sampleHeapDuring(() =>
    Promise.all(Array.from({ length: CONCURRENT_RUNS }, (_, index) => streamEngineRun(slots, index + 1))),
  );
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  collectGarbage();
  return {
    garbageCollectorExposed,
    baselineBytes,
    peakBytes,
    peakLiveBytes,
    retainedBytes: process.memoryUsage().heapUsed - baselineBytes,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    medianRatio: median(summaries.map((summary) => summary.wallTimeMs / summary.criticalPathMs)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------

interface Row {
  mode: string;
  shape: Shape;
  measurements: RunMeasurement[];
}

function median(values: number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function medianOf(measurements: RunMeasurement[], pick: (measurement: RunMeasurement) => number | undefined): number {
  return median(measurements.map(pick).filter((value): value is number => value !== undefined));
}

function format(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function tableRow(row: Row): string[] {
  const { measurements } = row;
  return [
    row.mode,
    row.shape.name,
    String(measurements.length),
    format(medianOf(measurements, (run) => run.wallMs)),
    format(medianOf(measurements, (run) => run.criticalPathMs)),
    format(medianOf(measurements, (run) => run.wallMs / run.criticalPathMs), 3),
    format(medianOf(measurements, (run) => (run.modelPathMs ? run.wallMs / run.modelPathMs : undefined)), 3),
    format(medianOf(measurements, (run) => run.firstTokenOnWireMs)),
    format(medianOf(measurements, (run) => run.eventsPerSecond)),
  ];
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function firstTokenLines(routeRows: Row[]): string[] {
  return routeRows.map((row) => {
    const wire = medianOf(row.measurements, (run) => run.firstTokenOnWireMs);
    const engine = medianOf(row.measurements, (run) => run.engineFirstTokenMs);
    const configured = fastestConfiguredFirstTokenMs(row.shape);
    return (
      `First proposer token on the wire, route ${row.shape.name}: ${format(wire)} ms; the engine saw it at ` +
      `${format(engine)} ms (wire − engine = ${format(wire - engine)} ms of route + SSE overhead); the fastest ` +
      `agent's configured first token is ${format(configured)} ms (wire − configured = ${format(wire - configured)} ms, ` +
      `simulator jitter ±25% included).`
    );
  });
}

/** Below this, what stays after the runs is measurement noise rather than a leak. */
const LEAK_NOISE_BYTES_PER_RUN = 32 * 1024;

function leakVerdict(retainedBytes: number): string {
  return Math.abs(retainedBytes / CONCURRENT_RUNS) < LEAK_NOISE_BYTES_PER_RUN ? ' (≈ 0: no leak)' : ' (a leak?)';
}

function heapLines(heap: HeapMeasurement, singleRunWallMs: number): string[] {
  const megabytes = (bytes: number) => `${format(bytes / 1024 / 1024, 1)} MB`;
  const perRun = (bytes: number) => `${format(bytes / CONCURRENT_RUNS / 1024)} KB`;
  const baseline = heap.garbageCollectorExposed
    ? `baseline ${megabytes(heap.baselineBytes)} after gc()`
    : `baseline ${megabytes(heap.baselineBytes)}; gc() is not exposed, so the baseline includes garbage`;
  const live =
    heap.peakLiveBytes === undefined
      ? 'live peak not measured (needs gc())'
      : `live peak (after gc(), every ${LIVE_SAMPLE_MS / 1000} s) ${perRun(heap.peakLiveBytes - heap.baselineBytes)} per run`;
  return [
    `Heap per concurrent run (${CONCURRENT_RUNS} concurrent 3×6 in-process runs, engine + SSE response, bodies ` +
      `consumed): (peak − baseline) / ${CONCURRENT_RUNS} = ${perRun(heap.peakBytes - heap.baselineBytes)} ` +
      `(${baseline}, peak ${megabytes(heap.peakBytes)} sampled every ${HEAP_SAMPLE_MS} ms); ${live}; ` +
      `retained after the runs and gc(): ${perRun(heap.retainedBytes)} per run${leakVerdict(heap.retainedBytes)}.`,
    `Under that load: batch wall ${format(heap.wallMs)} ms (one 3×6 run alone: ${format(singleRunWallMs)} ms), ` +
      `CPU ${format(heap.cpuMs / CONCURRENT_RUNS)} ms per run, median wall ÷ critical path ${format(heap.medianRatio, 3)}.`,
  ];
}

function singleRunWallMs(rows: Row[]): number {
  const paperRow = rows.find((row) => row.mode === 'in-process' && row.shape === PAPER_SHAPE);
  return paperRow ? medianOf(paperRow.measurements, (run) => run.wallMs) : Number.NaN;
}

function report(rows: Row[], wires: WireRow[], heap: HeapMeasurement): string {
  const header = [
    'mode',
    'config',
    'runs',
    'median wall ms',
    'median critical path ms',
    'ratio',
    'wall ÷ model path',
    'first token on wire ms',
    'events/s',
  ];
  return [
    '',
    markdownTable(header, rows.map(tableRow)),
    '',
    ...firstTokenLines(rows.filter((row) => row.mode === 'route')),
    ...wireLines(wires),
    ...heapLines(heap, singleRunWallMs(rows)),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Benchmark
// ---------------------------------------------------------------------------------------------------------------

function progress(message: string): void {
  process.stderr.write(`[bench:engine] ${message}\n`);
}

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
