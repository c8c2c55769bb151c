const encoder = new TextEncoder();
const STREAM_OPEN = ': stream-open\n\n';
const KEEP_ALIVE = ': keep-alive\n\n';
const DONE = 'data: [DONE]\n\n';

/**
 * An AI SDK UI message stream as the SSE bytes of a response body, written straight into one byte stream: the wire
 * of `createUIMessageStreamResponse` (a `: stream-open` comment, one `data: <chunk JSON>` event per chunk,
 * `data: [DONE]` at the end, `: keep-alive` comments while nothing is sent), without its chain of five stream stages
 * that every chunk passes one promise at a time. Chunks written in the same task leave as one piece of the body, and
 * with `batchMs`, so do chunks written within that long of the last piece: every piece costs the server a write to
 * the socket, and a stream of many agents' deltas would otherwise send one for each. The first chunk after a quiet
 * `batchMs` still leaves at once; a function for `batchMs` is asked each time a batch starts.
 */
export class UIMessageSseStream<Chunk> {
  readonly body: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private pending = STREAM_OPEN;
  private flushQueued = false;
  private flushedAt = Number.NEGATIVE_INFINITY;
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly batchMs: () => number;
  private wroteSinceTick = true;
  private ended = false;
  private readonly keepAlive: ReturnType<typeof setInterval>;

  /**
   * `onCancel` runs when the body's reader cancels it: the client went away. Cancelling a body does not stop the
   * work behind it by itself; this is where the two are joined.
   */
  constructor(options: { keepAliveMs: number; batchMs?: number | (() => number); onCancel: () => void }) {
    const { batchMs = 0 } = options;
    this.batchMs = typeof batchMs === 'number' ? () => batchMs : batchMs;
    this.body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        this.flush();
        // The opening comment does not start a batch: the first chunk goes out at once.
        this.flushedAt = Number.NEGATIVE_INFINITY;
      },
      cancel: () => {
        this.stop();
        options.onCancel();
      },
    });
    // A comment only after a whole interval without a chunk, and only while the reader keeps up: a proxy that
    // closes idle connections must see bytes, but a reader that stopped reading must not get a growing queue.
    this.keepAlive = setInterval(() => {
      if (!this.wroteSinceTick && (this.controller?.desiredSize ?? 0) > 0) this.send(KEEP_ALIVE);
      this.wroteSinceTick = false;
    }, options.keepAliveMs);
  }

  write(chunk: Chunk): void {
    this.send(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  /** Sends what is pending and `data: [DONE]`, then ends the body. */
  close(): void {
    if (this.ended) return;
    this.pending += DONE;
    this.flush();
    this.stop();
    this.controller?.close();
  }

  private send(text: string): void {
    if (this.ended) return;
    this.wroteSinceTick = true;
    this.pending += text;
    if (this.flushQueued) return;
    this.flushQueued = true;
    const wait = this.flushedAt + this.batchMs() - performance.now();
    if (wait > 0) this.batchTimer = setTimeout(() => this.flush(), wait);
    else queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.ended || this.pending.length === 0) return;
    this.controller?.enqueue(encoder.encode(this.pending));
    this.pending = '';
    this.flushedAt = performance.now();
  }

  private stop(): void {
    this.ended = true;
    clearTimeout(this.batchTimer);
    clearInterval(this.keepAlive);
  }
}
