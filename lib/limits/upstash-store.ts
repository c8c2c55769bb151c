import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import type { LimitStore, TakeResult } from './store';

const PREFIX = 'moa-studio';
/** How long a budget check may wait on Redis before the request goes through unchecked (fails open). */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Budgets in Upstash Redis, shared by every instance: `@upstash/ratelimit` token buckets (the same one-step refill
 * as the in-process store) and plain counters for spend. Works over HTTP, so it runs on the edge as well as on Node.
 *
 * A slow or unreachable Redis lets per-client checks through (a limit should not take the demo down) but refuses
 * new spend on the server's keys: `addWithin` throws, and the caller answers with an error instead of paying blind.
 */
export class UpstashLimitStore implements LimitStore {
  readonly kind = 'upstash';
  private readonly redis: Redis;
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(connection: { url: string; token: string }) {
    this.redis = new Redis({
      url: connection.url,
      token: connection.token,
      enableTelemetry: false,
      // The client's default (five retries, backing off to seconds) would hold a request for seconds when Redis is down.
      retry: { retries: 2, backoff: () => 100 },
    });
  }

  async take(key: string, units: number, capacity: number, windowMs: number): Promise<TakeResult> {
    try {
      const result = await this.limiter(capacity, windowMs).limit(key, { rate: units });
      return { ok: result.success, retryAfterMs: result.success ? 0 : Math.max(1, result.reset - Date.now()) };
    } catch (error) {
      console.warn(`[moa-studio] rate limit check skipped, Upstash failed: ${describe(error)}`);
      return { ok: true, retryAfterMs: 0 };
    }
  }

  async giveBack(key: string, units: number, capacity: number, windowMs: number): Promise<void> {
    await this.limiter(capacity, windowMs)
      .limit(key, { rate: -units })
      .catch((error: unknown) => console.warn(`[moa-studio] could not return rate limit units: ${describe(error)}`));
  }

  async addWithin(key: string, amount: number, ceiling: number, ttlMs: number): Promise<{ ok: boolean; total: number }> {
    const counterKey = `${PREFIX}:${key}`;
    const total = await this.redis.incrby(counterKey, amount);
    if (total === amount) await this.redis.pexpire(counterKey, ttlMs);
    if (total <= ceiling) return { ok: true, total };
    await this.redis.decrby(counterKey, amount);
    return { ok: false, total: total - amount };
  }

  async adjust(key: string, delta: number, ttlMs: number): Promise<void> {
    if (delta === 0) return;
    const counterKey = `${PREFIX}:${key}`;
    try {
      const total = await this.redis.incrby(counterKey, delta);
      if (total === delta) await this.redis.pexpire(counterKey, ttlMs);
    } catch (error) {
      console.warn(`[moa-studio] could not settle spend: ${describe(error)}`);
    }
  }

  private limiter(capacity: number, windowMs: number): Ratelimit {
    const id = `${capacity}/${windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.tokenBucket(capacity, `${windowMs} ms`, capacity),
        prefix: `${PREFIX}:limit`,
        timeout: CHECK_TIMEOUT_MS,
        analytics: false,
        // Its cache blocks an identifier until the reset after any refusal, even for a smaller request.
        ephemeralCache: false,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
