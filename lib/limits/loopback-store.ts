import { z } from 'zod';
import type { LimitStore, TakeResult } from './store';

/** The path of the Node route that holds a server's in-process budgets for its edge routes. */
export const LOOPBACK_STORE_PATH = '/api/limits';
const TIMEOUT_MS = 2_000;

/** One operation on a `LimitStore`, as the loopback route takes it. */
export const limitStoreOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('take'), key: z.string().max(300), units: z.number(), capacity: z.number(), windowMs: z.number() }),
  z.strictObject({ op: z.literal('giveBack'), key: z.string().max(300), units: z.number(), capacity: z.number(), windowMs: z.number() }),
  z.strictObject({ op: z.literal('addWithin'), key: z.string().max(300), amount: z.number(), ceiling: z.number(), ttlMs: z.number() }),
  z.strictObject({ op: z.literal('adjust'), key: z.string().max(300), delta: z.number(), ttlMs: z.number() }),
]);
export type LimitStoreOperation = z.infer<typeof limitStoreOperationSchema>;

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
 */
export class LoopbackLimitStore implements LimitStore {
  readonly kind = 'memory';

  constructor(private readonly connection: { origin: string; secret: string }) {}

  async take(key: string, units: number, capacity: number, windowMs: number): Promise<TakeResult> {
    try {
      return (await this.call({ op: 'take', key, units, capacity, windowMs })) as TakeResult;
    } catch (error) {
      console.warn(`[moa-studio] rate limit check skipped, the server's limit store did not answer: ${describe(error)}`);
      return { ok: true, retryAfterMs: 0 };
    }
  }

  async giveBack(key: string, units: number, capacity: number, windowMs: number): Promise<void> {
    await this.call({ op: 'giveBack', key, units, capacity, windowMs }).catch(() => undefined);
  }

  async addWithin(key: string, amount: number, ceiling: number, ttlMs: number): Promise<{ ok: boolean; total: number }> {
    try {
      return (await this.call({ op: 'addWithin', key, amount, ceiling, ttlMs })) as { ok: boolean; total: number };
    } catch (error) {
      console.warn(`[moa-studio] spend on the server's keys refused, the server's limit store did not answer: ${describe(error)}`);
      throw error;
    }
  }

  async adjust(key: string, delta: number, ttlMs: number): Promise<void> {
    await this.call({ op: 'adjust', key, delta, ttlMs });
  }

  /**
   * One operation, given up after TIMEOUT_MS. The limit is a timer raced against the whole exchange (the request and
   * its body), not only an abort signal handed to `fetch`: a request that never settles must not hold the run that
   * waits on it.
   */
  private async call(operation: LimitStoreOperation): Promise<unknown> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.exchange(operation, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async exchange(operation: LimitStoreOperation, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(new URL(LOOPBACK_STORE_PATH, this.connection.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.connection.secret}` },
      body: JSON.stringify(operation),
      signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
