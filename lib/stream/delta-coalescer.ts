/**
 * Buffers text deltas per key and hands them on at most about once per `intervalMs` per key, so a fast model
 * streaming a token every few milliseconds costs the browser one update per interval. A key that has been quiet
 * for a whole interval is handed on at once, so the first token of an agent is never held back.
 */
export class DeltaCoalescer {
  private readonly pending = new Map<string, { attempt: number; text: string }>();
  private readonly lastDelivered = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (key: string, attempt: number, text: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(key: string, attempt: number, text: string): void {
    const entry = this.pending.get(key);
    if (entry && entry.attempt === attempt) {
      entry.text += text;
      return;
    }
    if (entry) this.flush(key);
    const last = this.lastDelivered.get(key);
    if (last === undefined || this.now() - last >= this.intervalMs) {
      this.handOn(key, attempt, text);
      return;
    }
    this.pending.set(key, { attempt, text });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushAll();
    }, this.intervalMs);
  }

  /** Hands on what is buffered for `key` now, e.g. before that agent's final state. */
  flush(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    this.handOn(key, entry.attempt, entry.text);
  }

  /** Forgets what is buffered for `key` (its attempt was retried). */
  drop(key: string): void {
    this.pending.delete(key);
  }

  flushAll(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushAll();
  }

  private handOn(key: string, attempt: number, text: string): void {
    this.lastDelivered.set(key, this.now());
    this.deliver(key, attempt, text);
  }
}
