import { z } from 'zod';
import type { LimitStore, TakeResult } from './store';

/** The path of the Node route that holds a server's in-process budgets for its edge routes. */
export const LOOPBACK_STORE_PATH = '/api/limits';
const TIMEOUT_MS = 2_000;
/** The most operations one request carries. */
export const MAX_OPERATIONS_PER_REQUEST = 100;
/** Requests out at once; operations made meanwhile wait, and go out together in the next. */
const MAX_IN_FLIGHT = 2;

/** One operation on a `LimitStore`, as the loopback route takes it. */
export const limitStoreOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('take'),
    key: z.string().max(300),
    units: z.number(),
    capacity: z.number(),
    windowMs: z.number(),
  }),
  z.strictObject({
    op: z.literal('giveBack'),
    key: z.string().max(300),
    units: z.number(),
    capacity: z.number(),
    windowMs: z.number(),
  }),
  z.strictObject({
    op: z.literal('addWithin'),
    key: z.string().max(300),
    amount: z.number(),
    ceiling: z.number(),
    ttlMs: z.number(),
  }),
  z.strictObject({ op: z.literal('adjust'), key: z.string().max(300), delta: z.number(), ttlMs: z.number() }),
]);
export type LimitStoreOperation = z.infer<typeof limitStoreOperationSchema>;

/** What the loopback route takes: operations carried out in order, answered with their results in that order. */
export const limitStoreBatchSchema = z.strictObject({
  operations: z.array(limitStoreOperationSchema).min(1).max(MAX_OPERATIONS_PER_REQUEST),
});

/** Carries out one operation on `store`: the loopback route's whole job. */
export async function applyOperation(store: LimitStore, operation: LimitStoreOperation): Promise<unknown> {
  switch (operation.op) {
    case 'take':
      return store.take(operation.key, operation.units, operation.capacity, operation.windowMs);
    case 'giveBack':
      return store.giveBack(operation.key, operation.units, operation.capacity, operation.windowMs);
    case 'addWithin':
      return store.addWithin(operation.key, operation.amount, operation.ceiling, operation.ttlMs);
    case 'adjust':
      return store.adjust(operation.key, operation.delta, operation.ttlMs);
  }
}

/**
 * The budgets of the Node process an edge route runs in. Under `next start` every edge route runs in a sandbox of
 * its own, with globals of its own, so an in-process store there would be one more daily ceiling beside the Node
 * routes' (and each edge route's). This store asks the Node routes' store instead, over loopback, with a secret
 * the server made at startup. A failed call refuses new spend (`addWithin` throws) and lets budget checks through,
 * as the Upstash store does when Redis is down.
 *
 * Each call is a request through the whole server, which costs far more than the operation. So at most
 * `MAX_IN_FLIGHT` requests are out at once, and operations made meanwhile go out together in the next: alone a call
 * goes at once, and a burst of runs being admitted costs a few requests instead of two per run.
 */
export class LoopbackLimitStore implements LimitStore {
  readonly kind = 'memory';
  private readonly queue: {
    operation: LimitStoreOperation;
    settle: (outcome: { value: unknown } | { error: unknown }) => void;
  }[] = [];
  private inFlight = 0;

  constructor(
    private readonly connection: { origin: string; secret: string },
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async take(key: string, units: number, capacity: number, windowMs: number): Promise<TakeResult> {
    try {
      return (await this.call({ op: 'take', key, units, capacity, windowMs })) as TakeResult;
    } catch (error) {
      console.warn(
        `[moa-studio] rate limit check skipped, the server's limit store did not answer: ${describe(error)}`,
      );
      return { ok: true, retryAfterMs: 0 };
    }
  }

  async giveBack(key: string, units: number, capacity: number, windowMs: number): Promise<void> {
    await this.call({ op: 'giveBack', key, units, capacity, windowMs }).catch(() => undefined);
  }

  async addWithin(
    key: string,
    amount: number,
    ceiling: number,
    ttlMs: number,
  ): Promise<{ ok: boolean; total: number }> {
    try {
      return (await this.call({ op: 'addWithin', key, amount, ceiling, ttlMs })) as { ok: boolean; total: number };
    } catch (error) {
      console.warn(
        `[moa-studio] spend on the server's keys refused, the server's limit store did not answer: ${describe(error)}`,
      );
      throw error;
    }
  }

  async adjust(key: string, delta: number, ttlMs: number): Promise<void> {
    await this.call({ op: 'adjust', key, delta, ttlMs });
  }

  /** One operation, given up after TIMEOUT_MS however long it waited to go out. */
  private call(operation: LimitStoreOperation): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle({ error: new Error(`no answer within ${TIMEOUT_MS} ms`) }), TIMEOUT_MS);
      let settled = false;
      const settle = (outcome: { value: unknown } | { error: unknown }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.value);
      };
      this.queue.push({ operation, settle });
      this.sendQueued();
    });
  }

  /** Sends what is queued in one request, unless `MAX_IN_FLIGHT` are out; each answer sends what queued meanwhile. */
  private sendQueued(): void {
    if (this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_OPERATIONS_PER_REQUEST);
    this.inFlight += 1;
    void this.exchangeWithin(batch.map((queued) => queued.operation))
      .then(
        (results) => {
          for (const [index, queued] of batch.entries()) queued.settle({ value: results[index] });
        },
        (error: unknown) => {
          for (const queued of batch) queued.settle({ error });
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        this.sendQueued();
      });
  }

  /**
   * One request, given up after TIMEOUT_MS. The limit is a timer raced against the whole exchange (the request and
   * its body), not only an abort signal handed to `fetch`: a request that never settles must not hold the calls
   * that wait on it.
   */
  private async exchangeWithin(operations: LimitStoreOperation[]): Promise<unknown[]> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.exchange(operations, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async exchange(operations: LimitStoreOperation[], signal: AbortSignal): Promise<unknown[]> {
    const response = await this.fetcher(new URL(LOOPBACK_STORE_PATH, this.connection.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.connection.secret}` },
      body: JSON.stringify({ operations }),
      signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const results: unknown = await response.json();
    if (!Array.isArray(results) || results.length !== operations.length) {
      throw new Error(`expected ${operations.length} results, got ${JSON.stringify(results)?.slice(0, 100)}`);
    }
    return results;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
