/**
 * Runs at most `concurrency` tasks at once. Waiting tasks start by priority (lower first), then in the order they
 * came, so an evaluation finishes the judgments of answered questions before it asks new ones. A task is admitted
 * only if `admit` agrees when its turn comes (the spend cap); once `close` is called nothing more starts, and the
 * tasks still waiting resolve to null.
 */
export class TaskPool {
  private running = 0;
  private closed = false;
  private readonly waiting: { priority: number; order: number; start: () => void; drop: () => void }[] = [];
  private order = 0;

  constructor(
    private readonly concurrency: number,
    private readonly admit: (estimateUsd: number) => boolean,
  ) {}

  run<T>(priority: number, estimateUsd: number, task: () => Promise<T>, onSettled: () => void): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      const start = () => {
        if (this.closed || !this.admit(estimateUsd)) {
          this.closed = true;
          this.dropWaiting();
          resolve(null);
          return;
        }
        this.running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            onSettled();
            this.startNext();
          });
      };
      this.waiting.push({ priority, order: ++this.order, start, drop: () => resolve(null) });
      this.startNext();
    });
  }

  close(): void {
    this.closed = true;
    this.dropWaiting();
  }

  private startNext(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      this.waiting.sort((a, b) => a.priority - b.priority || a.order - b.order);
      const next = this.waiting.shift();
      next?.start();
      if (this.closed) return;
    }
  }

  private dropWaiting(): void {
    for (const task of this.waiting.splice(0)) task.drop();
  }
}
