import type { Clock } from '@/lib/moa/clock';

/** A clock that moves only when the test says so; sleeps resolve as `advance` passes their deadline. */
export class ManualClock implements Clock {
  private time = 0;
  private sleepers: { until: number; resolve: () => void }[] = [];
  readonly requestedSleeps: number[] = [];

  now(): number {
    return this.time;
  }

  wallTime(): number {
    return Date.UTC(2026, 10, 27) + this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.requestedSleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { until: this.time + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((candidate) => candidate !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves time forward and wakes every sleeper whose deadline has come. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((sleeper) => sleeper.until <= this.time);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.until > this.time);
    for (const sleeper of due) sleeper.resolve();
  }
}
