import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { Limiter } from '@/lib/limits/limiter';
import { readLimitsConfig } from '@/lib/limits/config';
import { LOOPBACK_STORE_PATH, LoopbackLimitStore, MAX_OPERATIONS_PER_REQUEST } from '@/lib/limits/loopback-store';
import { MemoryLimitStore, type LimitStore } from '@/lib/limits/store';
import { UpstashLimitStore } from '@/lib/limits/upstash-store';
import type { PlannedUsage } from '@/lib/limits/usage';

const upstash = { url: inject('upstashUrl'), token: inject('upstashToken') };
const limitsRoute = inject('limitsRoute');
const WINDOW_MS = 60_000;

// The same contract, held by the in-process store, by Upstash Redis (a real redis-server behind the stand-in) and by
// the loopback store an edge route uses (the real route, over HTTP).
describe.each([
  ['in-process', () => new MemoryLimitStore()],
  ['Upstash', () => new UpstashLimitStore(upstash)],
  ['loopback', () => new LoopbackLimitStore(limitsRoute)],
] as [string, () => LimitStore][])('%s limit store', (_name, createStore) => {
  const key = () => `test:${crypto.randomUUID()}`;

  it('takes units until the budget is used, refusing without taking, and says when it refills', async () => {
    const store = createStore();
    const bucket = key();
    expect((await store.take(bucket, 6, 10, WINDOW_MS)).ok).toBe(true);
    const refused = await store.take(bucket, 5, 10, WINDOW_MS);
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(WINDOW_MS);
    expect((await store.take(bucket, 4, 10, WINDOW_MS)).ok).toBe(true);
    expect((await store.take(bucket, 1, 10, WINDOW_MS)).ok).toBe(false);
  });

  it('keeps budgets apart by key and gives units back', async () => {
    const store = createStore();
    const [first, second] = [key(), key()];
    await store.take(first, 10, 10, WINDOW_MS);
    expect((await store.take(second, 10, 10, WINDOW_MS)).ok).toBe(true);
    await store.giveBack(first, 3, 10, WINDOW_MS);
    expect((await store.take(first, 3, 10, WINDOW_MS)).ok).toBe(true);
    expect((await store.take(first, 1, 10, WINDOW_MS)).ok).toBe(false);
  });

  it('adds to a counter within a ceiling and settles corrections', async () => {
    const store = createStore();
    const counter = key();
    expect(await store.addWithin(counter, 600, 1_000, WINDOW_MS)).toEqual({ ok: true, total: 600 });
    expect(await store.addWithin(counter, 500, 1_000, WINDOW_MS)).toEqual({ ok: false, total: 600 });
    await store.adjust(counter, -400, WINDOW_MS);
    expect(await store.addWithin(counter, 800, 1_000, WINDOW_MS)).toEqual({ ok: true, total: 1_000 });
  });

  it('counts concurrent takes exactly', async () => {
    const store = createStore();
    const bucket = key();
    const results = await Promise.all(Array.from({ length: 30 }, () => store.take(bucket, 1, 20, WINDOW_MS)));
    expect(results.filter((result) => result.ok)).toHaveLength(20);
  });
});

describe('the loopback store', () => {
  /** A loopback store that counts its requests and the operations in each. */
  const countingStore = (connection = limitsRoute) => {
    const requests: number[] = [];
    const store = new LoopbackLimitStore(connection, async (input, init) => {
      requests.push((JSON.parse(String(init?.body)) as { operations: unknown[] }).operations.length);
      return fetch(input, init);
    });
    return { store, requests };
  };

  it('sends a lone operation at once, and what a burst makes meanwhile together, each answered as its own', async () => {
    const { store, requests } = countingStore();
    const bucket = `test:${crypto.randomUUID()}`;
    expect((await store.take(bucket, 1, 20, WINDOW_MS)).ok).toBe(true);
    expect(requests).toEqual([1]);

    const results = await Promise.all(Array.from({ length: 40 }, () => store.take(bucket, 1, 20, WINDOW_MS)));
    // 19 units are left. Two requests go at once; what the rest make waits for one of them, and goes together.
    expect(results.filter((result) => result.ok)).toHaveLength(19);
    expect(results.slice(0, 19).every((result) => result.ok)).toBe(true);
    expect(requests).toEqual([1, 1, 1, 38]);
  });

  it(`splits a burst of more than ${MAX_OPERATIONS_PER_REQUEST} operations`, async () => {
    const { store, requests } = countingStore();
    const counter = `test:${crypto.randomUUID()}`;
    const added = await Promise.all(Array.from({ length: 250 }, () => store.addWithin(counter, 1, 1_000, WINDOW_MS)));
    expect(added.map((result) => result.total).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 250 }, (_, index) => index + 1),
    );
    expect(Math.max(...requests)).toBe(MAX_OPERATIONS_PER_REQUEST);
    expect(requests.reduce((sum, size) => sum + size, 0)).toBe(250);
  });

  it('without the secret, lets budget checks through but refuses new spend', async () => {
    const { store } = countingStore({ origin: limitsRoute.origin, secret: 'not-the-secret' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await store.take(`test:${crypto.randomUUID()}`, 1, 1, WINDOW_MS)).toEqual({ ok: true, retryAfterMs: 0 });
    await expect(store.addWithin(`test:${crypto.randomUUID()}`, 1, 10, WINDOW_MS)).rejects.toThrow('HTTP 404');
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('has its route refuse a request of more operations than one may carry', async () => {
    const operation = { op: 'adjust', key: `test:${crypto.randomUUID()}`, delta: 1, ttlMs: WINDOW_MS };
    const response = await fetch(new URL(LOOPBACK_STORE_PATH, limitsRoute.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${limitsRoute.secret}` },
      body: JSON.stringify({ operations: Array.from({ length: MAX_OPERATIONS_PER_REQUEST + 1 }, () => operation) }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('invalid_request');
  });
});

describe('budgets shared through Upstash', () => {
  const usage: PlannedUsage = {
    usageClass: 'server',
    calls: 13,
    serverModels: new Set(['together:x/y']),
    estimatedServerUsd: 0.4,
    unmeteredServerUsd: 0,
  };
  const config = (env: Record<string, string>) =>
    readLimitsConfig({
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      CLIENT_IP_HEADER: 'x-client',
      ...env,
    }).config;

  it('holds one client’s budget and the spend ceiling across instances', async () => {
    const client = new Headers({ 'x-client': '203.0.113.77' });
    // Two instances of the app: separate limiters and stores, one Redis.
    const env = { RATE_LIMIT_SERVER_CALLS: '26', DAILY_SPEND_LIMIT_USD: 'off' };
    const first = new Limiter(config(env), new UpstashLimitStore(upstash));
    const second = new Limiter(config(env), new UpstashLimitStore(upstash));
    await first.admitRun(client, usage);
    await second.admitRun(client, usage);
    await expect(first.admitRun(client, usage)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
    await expect(second.admitRun(client, usage)).rejects.toMatchObject({ code: 'rate_limited' });
  });
});

describe('when Upstash cannot be reached', () => {
  afterEach(() => vi.restoreAllMocks());
  const unreachable = { url: 'http://127.0.0.1:9', token: 'token' };

  it('lets per-client checks through but refuses new spend on the server’s keys', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = new UpstashLimitStore(unreachable);
    expect(await store.take('any', 1, 10, WINDOW_MS)).toEqual({ ok: true, retryAfterMs: 0 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('rate limit check skipped'));

    const limiter = new Limiter(readLimitsConfig({}).config, store);
    const usage: PlannedUsage = {
      usageClass: 'server',
      calls: 1,
      serverModels: new Set(),
      estimatedServerUsd: 0.01,
      unmeteredServerUsd: 0,
    };
    await expect(limiter.admitRun(new Headers(), usage)).rejects.toMatchObject({ code: 'budget_exhausted' });
    const admission = await limiter.admitRun(new Headers(), {
      ...usage,
      usageClass: 'simulated',
      estimatedServerUsd: 0,
    });
    expect(admission.settle).toBeTypeOf('function');
    await admission.settle(0);
  });
});
