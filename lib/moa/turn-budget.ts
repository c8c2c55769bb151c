/**
 * How much model output the process handles before it lets the event loop turn. A provider's response that fell
 * behind arrives in pieces of hundreds of tokens, and handling them all at once, for every stream, can hold the loop
 * for seconds: the disconnect of a client who left (and the abort of its upstream calls) waits behind them, as does
 * every new request. Each reader of model output asks its `pause` before every part; past `budgetMs` of one turn,
 * readers wait for the next turn, when all waiting readers go on together, each with at least one part whatever the
 * budget (so none starves behind the first ones to resume).
 */
export class TurnBudget {
  private turnStartedAt: number | undefined;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly nextTurn: (callback: () => void) => void = (callback) => setTimeout(callback, 0),
  ) {}

  /**
   * The `pause` of one reader: undefined while this turn of the loop is within its budget (the reader goes on at
   * once, at the cost of a clock reading); past it, a promise that resolves once the loop has turned, after the I/O
   * that was waiting.
   */
  reader(): () => Promise<void> | undefined {
    let resumed = false;
    return () => {
      if (resumed) {
        resumed = false;
        return undefined;
      }
      const now = this.now();
      if (this.turnStartedAt === undefined) {
        this.turnStartedAt = now;
        this.nextTurn(() => this.endTurn());
        return undefined;
      }
      if (now - this.turnStartedAt < this.budgetMs) return undefined;
      return new Promise((resolve) => {
        this.waiting.push(() => {
          resumed = true;
          resolve();
        });
      });
    };
  }

  private endTurn(): void {
    this.turnStartedAt = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }
}

/** Shared by every agent of the process: the budget is the loop's, not one stream's. */
export const processTurnBudget = new TurnBudget(10);
