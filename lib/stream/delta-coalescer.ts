/**
 * Buffers text deltas per key and hands them on at most once per `intervalMs` per key, so a fast model streaming
 * a token every few milliseconds costs the browser one update per interval.
 */
export class DeltaCoalescer {
  private readonly pending = new Map<string, { attempt: number; text: string }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (key: string, attempt: number, text: string) => void,
  ) {}

  push(key: string, attempt: number, text: string): void {
    const entry = this.pending.get(key);
    if (entry && entry.attempt === attempt) entry.text += text;
    else {
      if (entry) this.flush(key);
      this.pending.set(key, { attempt, text });
    }
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
    this.deliver(key, entry.attempt, entry.text);
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
}
