/** Heap per concurrent run: many runs through the engine and the SSE response at once, sampled as they stream. */
import { runMoA, type RunOutcome } from '@/lib/moa/run-moa';
import type { SummaryPart } from '@/lib/protocol/run-parts';
import { createMoaStreamResponse } from '@/lib/stream/moa-ui-stream';
import { type AgentSlot, CONCURRENT_RUNS, HEAP_SAMPLE_MS, LIVE_SAMPLE_MS, MESSAGES, ModelStreamTimer, PAPER_SHAPE, agentSlots, benchGetModel, engineConfig, simulatorModel } from './setup';
import { doneSummary } from './measure';
import { median } from './report';

export interface HeapMeasurement {
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

export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  return true;
}

export async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  while (!(await reader.read()).done) {
    // Discard: the browser would render these; here only their cost matters.
  }
}

/** One run through the engine and the SSE response, its body consumed as a client would. */
export async function streamEngineRun(slots: AgentSlot[][], seed: number): Promise<SummaryPart> {
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
export async function sampleHeapDuring<T>(work: () => Promise<T>) {
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

export async function measureHeapPerRun(): Promise<HeapMeasurement> {
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

