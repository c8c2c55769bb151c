import { UI_MESSAGE_STREAM_HEADERS, type InferUIMessageChunk } from 'ai';
import type { MoaEvent } from '@/lib/moa/events';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import type { ComparisonMode } from '@/lib/protocol/moa-request';
import { layerIdOf, type AgentPart, type RunAgentInfo } from '@/lib/protocol/run-parts';
import { DeltaCoalescer } from './delta-coalescer';
import { loadFollowingInterval } from './load-interval';
import { UIMessageSseStream } from './ui-message-sse';

export interface MoaStreamOptions {
  runId: string;
  preset?: string;
  /** Set for a comparison: whether the page keeps it blind until the vote. */
  comparisonMode?: ComparisonMode;
  /**
   * Starts the run (`runMoA`, or `runComparison` for a MoA beside a single model); the stream passes its own signal,
   * which aborts on client disconnect. The stream finishes once this resolves.
   */
  run: (options: { onEvent: (event: MoaEvent) => void; signal: AbortSignal }) => Promise<unknown>;
  /** The request's signal; the run also stops when the response body is cancelled. */
  requestSignal: AbortSignal;
  /** Epoch ms of the run's start, for the run part. */
  startedAt: number;
  coalesceMs?: number;
  keepAliveMs?: number;
  headers?: HeadersInit;
}

type Writer = UIMessageSseStream<InferUIMessageChunk<MoaUIMessage>>;

/**
 * Alone, a response sends a piece of its body at most this often while agents stream: under the 50 ms the page waits
 * between renders.
 */
export const BODY_BATCH_MS = 40;
/** The longest, reached under load: the longest a model's text is held for more (`MAX_TEXT_HOLD_MS`). */
export const MAX_BODY_BATCH_MS = 250;
/** Pieces of body a second, over all the responses of this realm, before each one's batch grows: each is a socket write. */
const BODY_PIECES_PER_SECOND = 100;
/** MoA responses streaming from this realm now. */
let openResponses = 0;

/** How long a response gathers chunks into one piece of its body while `open` responses stream at once. */
export function bodyBatchMs(open: number): number {
  return loadFollowingInterval(open, {
    minMs: BODY_BATCH_MS,
    maxMs: MAX_BODY_BATCH_MS,
    piecesPerSecond: BODY_PIECES_PER_SECOND,
  });
}

/** Translates engine events into AI SDK UI message chunks: data parts per agent and layer, the answer as text. */
class MoaChunkWriter {
  private readonly coalescer: DeltaCoalescer;
  private readonly agents = new Map<string, RunAgentInfo>();
  private answerPartId: string | undefined;
  /**
   * The MoA's error, written as an `error` chunk only when everything has ended: the AI SDK client stops reading at
   * an `error` chunk, and a comparison's baseline or judge may still have parts to send.
   */
  private runError: string | undefined;
  /** Characters sent so far per agent and attempt, the offset of the next delta. */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly writer: Writer,
    private readonly options: MoaStreamOptions,
  ) {
    this.coalescer = new DeltaCoalescer(options.coalesceMs ?? 30, (id, attempt, delta) =>
      this.writeDelta(id, attempt, delta),
    );
  }

  handle(event: MoaEvent): void {
    switch (event.type) {
      case 'run-start':
        return this.startRun(event.layers, event.baseline);
      case 'layer-start':
        return this.writer.write({
          type: 'data-layer',
          id: layerIdOf(event.layer),
          data: { layer: event.layer, status: 'running', startMs: event.startMs, succeeded: 0, failed: 0, cut: 0 },
        });
      case 'agent-start':
        return this.writeAgent(event.agent);
      case 'agent-delta':
      case 'aggregator-delta':
        return this.coalescer.push(event.agentId, event.attempt, event.delta);
      case 'agent-retry': {
        this.coalescer.drop(event.agentId);
        this.endAnswerPart();
        const info = this.agents.get(event.agentId);
        if (!info) return;
        return this.writeAgent({
          id: info.id,
          layer: info.layer,
          role: info.role,
          model: info.model,
          status: 'running',
          attempt: event.attempt,
          error: event.error,
        });
      }
      case 'agent-end':
      case 'agent-error':
        this.coalescer.flush(event.agent.id);
        if (event.agent.role === 'aggregator') this.endAnswerPart();
        return this.writeAgent(event.agent);
      case 'layer-end':
        return this.writer.write({ type: 'data-layer', id: layerIdOf(event.layer.layer), data: event.layer });
      case 'run-end':
      case 'run-error':
        // The MoA has ended; a comparison's baseline may still stream, so the coalescer stays open.
        this.coalescer.flushAll();
        this.endAnswerPart();
        this.writer.write({ type: 'data-summary', id: 'summary', data: event.summary });
        if (event.type === 'run-error' && event.error.code !== 'aborted') this.runError = event.error.message;
        return;
      case 'judge-start':
      case 'judge-end':
        return this.writer.write({ type: 'data-judge', id: 'judge', data: event.judge });
      case 'receipt-issue':
        return this.writer.write({ type: 'data-receipt', id: 'receipt', data: event.receipt });
    }
  }

  /** Once the run has ended: flushes what is buffered, then sends the MoA's error, if any. */
  close(): void {
    this.coalescer.close();
    this.endAnswerPart();
    if (this.runError !== undefined) this.writer.write({ type: 'error', errorText: this.runError });
    this.runError = undefined;
  }

  private startRun(layers: { layer: number; agents: RunAgentInfo[] }[], baseline: RunAgentInfo | undefined): void {
    const all = [...layers.flatMap((layer) => layer.agents), ...(baseline ? [baseline] : [])];
    for (const agent of all) this.agents.set(agent.id, agent);
    this.writer.write({
      type: 'data-run',
      id: 'run',
      data: {
        runId: this.options.runId,
        preset: this.options.preset,
        simulated: all.some((agent) => agent.simulated),
        startedAt: this.options.startedAt,
        layers,
        ...(baseline ? { baseline, comparisonMode: this.options.comparisonMode ?? 'blind' } : {}),
      },
    });
    for (const agent of all) {
      this.writeAgent({
        id: agent.id,
        layer: agent.layer,
        role: agent.role,
        model: agent.model,
        status: 'queued',
        attempt: 1,
      });
    }
  }

  private writeAgent(agent: AgentPart): void {
    this.writer.write({ type: 'data-agent', id: agent.id, data: agent });
  }

  private writeDelta(agentId: string, attempt: number, delta: string): void {
    if (this.agents.get(agentId)?.role === 'aggregator') {
      // One text part per aggregator attempt: a retried answer starts a fresh part instead of appending.
      const partId = `answer-${attempt}`;
      if (this.answerPartId !== partId) {
        this.endAnswerPart();
        this.answerPartId = partId;
        this.writer.write({ type: 'text-start', id: partId });
      }
      this.writer.write({ type: 'text-delta', id: partId, delta });
      return;
    }
    const key = `${agentId}#${attempt}`;
    const offset = this.sent.get(key) ?? 0;
    this.sent.set(key, offset + delta.length);
    this.writer.write({
      type: 'data-agent-delta',
      id: agentId,
      data: { id: agentId, attempt, offset, delta },
      transient: true,
    });
  }

  private endAnswerPart(): void {
    if (!this.answerPartId) return;
    this.writer.write({ type: 'text-end', id: this.answerPartId });
    this.answerPartId = undefined;
  }
}

/**
 * Runs a MoA and streams it as an AI SDK UI message stream (SSE). A client disconnect, seen either as the request's
 * signal or as the response body being cancelled, aborts the run and with it every upstream model call.
 */
export function createMoaStreamResponse(options: MoaStreamOptions): Response {
  const controller = new AbortController();
  const abort = () => controller.abort(new DOMException('The client went away.', 'AbortError'));
  if (options.requestSignal.aborted) abort();
  else options.requestSignal.addEventListener('abort', abort, { once: true });

  openResponses += 1;
  const writer: Writer = new UIMessageSseStream({
    keepAliveMs: options.keepAliveMs ?? 10_000,
    batchMs: () => bodyBatchMs(openResponses),
    onCancel: abort,
  });
  void (async () => {
    // `start` must come before any data part, or the client opens a second assistant message.
    writer.write({ type: 'start' });
    // Let the response and its first event go out before the run's first model calls take the CPU: under a burst
    // of requests, every one is answered before any run starts work.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const chunks = new MoaChunkWriter(writer, options);
    try {
      await options.run({ onEvent: (event) => chunks.handle(event), signal: controller.signal });
    } finally {
      chunks.close();
      options.requestSignal.removeEventListener('abort', abort);
    }
    writer.write({ type: 'finish' });
  })()
    // Never send a stack or a provider's raw text: the engine reports failures as parts already.
    .catch(() => writer.write({ type: 'error', errorText: 'The run stopped unexpectedly.' }))
    .finally(() => {
      openResponses -= 1;
      writer.close();
    });

  const headers = new Headers(UI_MESSAGE_STREAM_HEADERS);
  headers.set('cache-control', 'no-cache, no-transform');
  for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
  return new Response(writer.body, { headers });
}
