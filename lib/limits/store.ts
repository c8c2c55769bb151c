/** The outcome of taking units from a budget: refused ones say when the budget refills. */
export interface TakeResult {
  ok: boolean;
  /** Milliseconds until the bucket refills; 0 when taken. */
  retryAfterMs: number;
}

/**
 * Where budgets are counted: in this process, or in Redis shared by every instance. Buckets hold `capacity` units
 * and refill to full once per `windowMs` (a token bucket refilled in one step, the same in both stores).
 */
export interface LimitStore {
  readonly kind: 'memory' | 'upstash';
  take(key: string, units: number, capacity: number, windowMs: number): Promise<TakeResult>;
  /** Returns units taken for a request that was refused by a later check. */
  giveBack(key: string, units: number, capacity: number, windowMs: number): Promise<void>;
  /**
   * Adds `amount` (a positive integer) to the counter `key` unless the total would pass `ceiling`; the counter
   * vanishes `ttlMs` after it was first written.
   */
  addWithin(key: string, amount: number, ceiling: number, ttlMs: number): Promise<{ ok: boolean; total: number }>;
  /** Adds a correction (an integer, maybe negative) to a counter written by `addWithin`. */
  adjust(key: string, delta: number, ttlMs: number): Promise<void>;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** The most budgets the in-process store holds; past it the least recently used are forgotten. */
export const MEMORY_STORE_MAX_KEYS = 10_000;

/**
 * The in-process fallback: per instance, bounded in memory. Forgetting a bucket (past `maxKeys`) refills that
 * client's budget, the price of a bound that an attacker cycling addresses cannot grow.
 */
export class MemoryLimitStore implements LimitStore {
  readonly kind = 'memory';
  private readonly buckets = new Map<string, Bucket>();
  private readonly counters = new Map<string, { value: number; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = MEMORY_STORE_MAX_KEYS,
  ) {}

  get size(): number {
    return this.buckets.size + this.counters.size;
  }

  async take(key: string, units: number, capacity: number, windowMs: number): Promise<TakeResult> {
    const bucket = this.refill(key, capacity, windowMs);
    if (units > bucket.tokens) return { ok: false, retryAfterMs: Math.max(1, bucket.refilledAt + windowMs - this.now()) };
    bucket.tokens -= units;
    return { ok: true, retryAfterMs: 0 };
  }

  async giveBack(key: string, units: number, capacity: number, windowMs: number): Promise<void> {
    const bucket = this.refill(key, capacity, windowMs);
    bucket.tokens = Math.min(capacity, bucket.tokens + units);
  }

  async addWithin(key: string, amount: number, ceiling: number, ttlMs: number): Promise<{ ok: boolean; total: number }> {
    const counter = this.counter(key, ttlMs);
    if (counter.value + amount > ceiling) return { ok: false, total: counter.value };
    counter.value += amount;
    return { ok: true, total: counter.value };
  }

  async adjust(key: string, delta: number, ttlMs: number): Promise<void> {
    const counter = this.counter(key, ttlMs);
    counter.value = Math.max(0, counter.value + delta);
  }

  /** The bucket as of now (created full, refilled for every window passed), moved to the recently used end. */
  private refill(key: string, capacity: number, windowMs: number): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, refilledAt: now };
    if (now >= bucket.refilledAt + windowMs) {
      const windows = Math.floor((now - bucket.refilledAt) / windowMs);
      bucket.tokens = Math.min(capacity, bucket.tokens + windows * capacity);
      bucket.refilledAt += windows * windowMs;
    }
    this.touch(this.buckets, key, bucket);
    return bucket;
  }

  private counter(key: string, ttlMs: number): { value: number; expiresAt: number } {
    const now = this.now();
    const existing = this.counters.get(key);
    const counter = existing && existing.expiresAt > now ? existing : { value: 0, expiresAt: now + ttlMs };
    this.touch(this.counters, key, counter);
    return counter;
  }

  private touch<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.maxKeys) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  }
}
