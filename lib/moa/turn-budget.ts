/**
 * How much model output the process handles before it lets the event loop turn. A provider's response that fell
 * behind arrives in pieces of hundreds of tokens, and handling them all at once, for every stream, can hold the loop
 * for seconds: the disconnect of a client who left (and the abort of its upstream calls) waits behind them, as does
 * every new request. Each reader of model output asks its `pause` before every part; past `budgetMs` of one turn,
 * readers wait for the next turn, when all waiting readers go on together, each with at least `partsPerTurn` parts
 * whatever the budget: none starves behind the first ones to resume, and a reader that stops after a single part
 * would pause and resume its provider's stream (down to the socket) for every part, which costs more than the part.
 */
export class TurnBudget {
  private turnStartedAt: number | undefined;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly budgetMs: number,
    private readonly partsPerTurn: number,
    private readonly now: () => number = () => performance.now(),
    private readonly nextTurn: (callback: () => void) => void = (callback) => setTimeout(callback, 0),
  ) {}

  /**
   * The `pause` of one reader: undefined while this turn of the loop is within its budget (the reader goes on at
   * once, at the cost of a clock reading); past it, a promise that resolves once the loop has turned, after the I/O
   * that was waiting.
   */
  reader(): () => Promise<void> | undefined {
    let granted = 0;
    return () => {
      if (granted > 0) {
        granted -= 1;
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
          granted = this.partsPerTurn - 1;
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
export const processTurnBudget = new TurnBudget(10, 32);
