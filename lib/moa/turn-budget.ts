/**
 * How much model output the process handles before it lets the event loop turn. A provider's response that fell
 * behind arrives in pieces of hundreds of tokens, and handling them all at once, for every stream, can hold the loop
 * for seconds: the disconnect of a client who left (and the abort of its upstream calls) waits behind them, as does
 * every new request. Agents ask `pause()` before each part; past `budgetMs` of one turn they wait for the next.
 */
export class TurnBudget {
  private turnStartedAt: number | undefined;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly nextTurn: (callback: () => void) => void = (callback) => setTimeout(callback, 0),
  ) {}

  /**
   * Undefined while this turn of the loop is within its budget (the caller goes on at once, at the cost of a clock
   * reading); past it, a promise that resolves once the loop has turned, after the I/O that was waiting.
   */
  pause(): Promise<void> | undefined {
    const now = this.now();
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      // The first callback of the next turn marks where this one ended.
      this.nextTurn(() => {
        this.turnStartedAt = undefined;
      });
      return undefined;
    }
    if (now - this.turnStartedAt < this.budgetMs) return undefined;
    return new Promise((resolve) => this.nextTurn(resolve));
  }
}

/** Shared by every agent of the process: the budget is the loop's, not one stream's. */
export const processTurnBudget = new TurnBudget(10);
