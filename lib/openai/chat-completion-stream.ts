import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MOA_PROGRESS_KIND } from '@/lib/moa-model/create-moa-model';
import { anySignal } from '@/lib/stream/any-signal';
import type { ChatCall } from './chat-call';
import { chatFinishReasonOf, chatUsageOf, chunkOf, completionIdentity, type CompletionIdentity } from './chat-response';
import { toOpenAIError } from './openai-error';

export interface ChatStreamOptions extends ChatCall {
  includeUsage: boolean;
  progress: boolean;
  /** While nothing else is sent (the proposer layers are working), an SSE comment this often keeps proxies from timing out. */
  keepAliveMs?: number;
}

const encoder = new TextEncoder();
const data = (value: unknown) => encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');
const DONE = encoder.encode('data: [DONE]\n\n');
/**
 * Between a retried answer's text and the retry's: a stream cannot take text back, so the reader is told the
 * answer starts over rather than reading the two run together.
 */
export const ANSWER_RESTART_NOTICE = '\n\n[The answer was interrupted and starts over.]\n\n';

/** Writes one run's parts as `chat.completion.chunk` events. */
class ChunkWriter {
  private lastWriteAt = Date.now();
  private closed = false;
  /** Whether answer text has been sent: a later text part is a retried answer. */
  private answered = false;

  constructor(
    private readonly controller: ReadableStreamDefaultController<Uint8Array>,
    private readonly options: ChatStreamOptions,
    private readonly identity: CompletionIdentity,
  ) {}

  /** The first chunk goes out at once, so the client has its headers and a first byte while the layers work. */
  start(): void {
    this.write(data(chunkOf(this.identity, { delta: { role: 'assistant', content: '' } }, this.usageNone())));
  }

  keepAliveIfIdle(intervalMs: number): void {
    if (Date.now() - this.lastWriteAt >= intervalMs) this.write(KEEP_ALIVE);
  }

  /** Writes a part; returns false once the stream has ended. */
  handle(part: LanguageModelV4StreamPart): boolean {
    switch (part.type) {
      case 'text-start':
        if (this.answered) this.writeContent(ANSWER_RESTART_NOTICE);
        return true;
      case 'text-delta':
        if (part.delta) {
          this.writeContent(part.delta);
          this.answered = true;
        }
        return true;
      case 'custom':
        if (this.options.progress && part.kind === MOA_PROGRESS_KIND && part.providerMetadata?.moa) {
          this.write(data(chunkOf(this.identity, undefined, { ...this.usageNone(), moa: part.providerMetadata.moa })));
        }
        return true;
      case 'error':
        this.fail(part.error);
        return false;
      case 'finish':
        this.write(data(chunkOf(this.identity, { delta: {}, finishReason: chatFinishReasonOf(part.finishReason) }, this.usageNone())));
        if (this.options.includeUsage) this.write(data(chunkOf(this.identity, undefined, { usage: chatUsageOf(part.usage, part.providerMetadata) })));
        this.write(DONE);
        this.close();
        return false;
      default:
        return true;
    }
  }

  /** OpenAI's way to fail a stream that has begun: an event holding `error`, then the end (no `[DONE]`). */
  fail(error: unknown): void {
    this.write(data(toOpenAIError(error).body));
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
  }

  /** The client cancelled the body: the stream is closed already and takes nothing more. */
  cancelled(): void {
    this.closed = true;
  }

  private writeContent(content: string): void {
    this.write(data(chunkOf(this.identity, { delta: { content } }, this.usageNone())));
  }

  private usageNone(): { usage?: null } {
    return this.options.includeUsage ? { usage: null } : {};
  }

  private write(bytes: Uint8Array): void {
    if (this.closed) return;
    this.controller.enqueue(bytes);
    this.lastWriteAt = Date.now();
  }
}

/**
 * Streams a MoA model's answer as OpenAI's chat-completions SSE: a first chunk with the role, the answer's text as
 * it comes, keep-alive comments while nothing else is sent, a chunk with the finish reason, the usage chunk when asked
 * for, and `data: [DONE]`. A client disconnect (the request's signal, or the body being cancelled) aborts the run
 * and with it every upstream model call.
 */
export function chatCompletionStreamResponse(options: ChatStreamOptions): Response {
  const stop = new AbortController();
  const abort = () => stop.abort(new DOMException('The client went away.', 'AbortError'));
  const abortSignal = anySignal([options.requestSignal, stop.signal]);
  const keepAliveMs = options.keepAliveMs ?? 10_000;
  let reader: ReadableStreamDefaultReader<LanguageModelV4StreamPart> | undefined;
  let chunks: ChunkWriter | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const writer = new ChunkWriter(controller, options, completionIdentity(crypto.randomUUID(), options.modelName, Date.now()));
      chunks = writer;
      writer.start();
      keepAlive = setInterval(() => writer.keepAliveIfIdle(keepAliveMs), keepAliveMs);
      // Let the response and its first chunk go out before the run's first model calls take the CPU.
      await new Promise((resolve) => setTimeout(resolve, 0));
      void pump(writer).finally(() => clearInterval(keepAlive));
    },
    cancel() {
      chunks?.cancelled();
      clearInterval(keepAlive);
      abort();
      void reader?.cancel().catch(() => undefined);
    },
  });

  async function pump(writer: ChunkWriter): Promise<void> {
    try {
      if (abortSignal.aborted) return writer.close();
      const { stream } = await options.model.doStream({ ...options.callOptions, abortSignal });
      reader = stream.getReader();
      // The client may have left while the model was being called: the body's cancel found no reader to cancel.
      if (abortSignal.aborted) {
        await reader.cancel().catch(() => undefined);
        return writer.close();
      }
      for (;;) {
        const { done, value } = await reader.read();
        if (done || !writer.handle(value)) break;
      }
      // A stream that ends without `finish` was stopped: the client is gone, nothing is left to say.
      writer.close();
    } catch (error) {
      if (abortSignal.aborted) writer.close();
      else writer.fail(error);
    }
  }

  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      ...Object.fromEntries(new Headers(options.headers).entries()),
    },
  });
}
