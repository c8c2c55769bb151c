import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterEach, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { RespConnection } from '../support/resp-client';
import { startUpstashServer } from '../support/upstash-server';

const url = inject('upstashUrl');
const token = inject('upstashToken');

/** As the app will use it: auto-pipelined, so commands travel through `/pipeline`. */
const redis = new Redis({ url, token });
/** One HTTP request per command, through `POST /`. */
const direct = new Redis({ url, token, enableAutoPipelining: false });

/** Each test (run once per vitest environment) gets its own keys on the shared server. */
function freshPrefix(): string {
  return `test:${crypto.randomUUID()}`;
}

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function post(path: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) {
  return fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('the Upstash REST stand-in, through @upstash/redis', () => {
  it('sets, reads, increments and expires keys', async () => {
    const prefix = freshPrefix();
    expect(await redis.set(`${prefix}:name`, 'moa')).toBe('OK');
    expect(await redis.get(`${prefix}:name`)).toBe('moa');
    expect(await redis.incrby(`${prefix}:count`, 5)).toBe(5);
    expect(await redis.incrby(`${prefix}:count`, 3)).toBe(8);
    expect(await redis.ttl(`${prefix}:name`)).toBe(-1);
    expect(await redis.expire(`${prefix}:name`, 100)).toBe(1);
    const ttl = await redis.ttl(`${prefix}:name`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await redis.ttl(`${prefix}:missing`)).toBe(-2);
  });

  it('answers single commands sent one request each', async () => {
    const prefix = freshPrefix();
    expect(await direct.set(`${prefix}:key`, 'value')).toBe('OK');
    expect(await direct.get(`${prefix}:key`)).toBe('value');
    expect(await direct.incrby(`${prefix}:count`, 2)).toBe(2);
  });

  it('returns null for missing keys, on their own and inside arrays', async () => {
    const prefix = freshPrefix();
    await redis.set(`${prefix}:present`, 'here');
    expect(await redis.get(`${prefix}:missing`)).toBeNull();
    expect(await redis.mget(`${prefix}:present`, `${prefix}:missing`)).toEqual(['here', null]);
  });

  it('round-trips non-ASCII strings and JSON values byte for byte', async () => {
    const prefix = freshPrefix();
    const text = 'Zoë’s naïve café — 日本語 🎉';
    await redis.set(`${prefix}:text`, text);
    await redis.set(`${prefix}:json`, { name: 'Zoë', scores: [1, 2.5, null] });
    expect(await redis.get(`${prefix}:text`)).toBe(text);
    expect(await redis.get(`${prefix}:json`)).toEqual({ name: 'Zoë', scores: [1, 2.5, null] });
    expect(await redis.strlen(`${prefix}:text`)).toBe(new TextEncoder().encode(text).length);
  });

  it('round-trips a value that reaches Redis and comes back in many TCP reads', async () => {
    const key = `${freshPrefix()}:large`;
    const value = 'mixture of agents ✓ '.repeat(50_000);
    expect(await redis.set(key, value)).toBe('OK');
    expect(await redis.get(key)).toBe(value);
  });

  it('answers in plain JSON when the client does not ask for base64', async () => {
    const plain = new Redis({ url, token, responseEncoding: false });
    const prefix = freshPrefix();
    await plain.set(`${prefix}:text`, 'ünïcödé ✓');
    expect(await plain.get(`${prefix}:text`)).toBe('ünïcödé ✓');
    expect(await plain.mget(`${prefix}:text`, `${prefix}:missing`)).toEqual(['ünïcödé ✓', null]);
  });

  it('decodes status replies, on their own and inside arrays', async () => {
    const key = `${freshPrefix()}:key`;
    expect(await redis.ping()).toBe('PONG');
    const script = "return {redis.call('SET', KEYS[1], 'x'), redis.call('PING')}";
    expect(await redis.eval(script, [key], [])).toEqual(['OK', 'PONG']);
  });

  it('decodes nested arrays of strings, integers and nulls', async () => {
    const script = 'return {1, false, ARGV[1], {2, ARGV[2], false, {ARGV[1]}}}';
    expect(await redis.eval(script, [], ['ünï', 'côdé'])).toEqual([1, null, 'ünï', [2, 'côdé', null, ['ünï']]]);
  });

  it('runs a pipeline in order and reports a failing command without failing the others', async () => {
    const prefix = freshPrefix();
    await redis.set(`${prefix}:word`, 'not a number');
    const results = await redis
      .pipeline()
      .set(`${prefix}:count`, 1)
      .incr(`${prefix}:count`)
      .incr(`${prefix}:word`)
      .get(`${prefix}:count`)
      .exec({ keepErrors: true });
    expect(results.map((item) => item.result)).toEqual(['OK', 2, undefined, 2]);
    expect(results[2]?.error).toMatch(/not an integer/);
  });

  it('runs a multi-exec transaction and returns each result', async () => {
    const prefix = freshPrefix();
    const results = await redis
      .multi()
      .set(`${prefix}:name`, 'layer')
      .incrby(`${prefix}:count`, 4)
      .get(`${prefix}:name`)
      .mget(`${prefix}:name`, `${prefix}:missing`)
      .exec();
    expect(results).toEqual(['OK', 4, 'layer', ['layer', null]]);
  });

  it('runs none of a transaction when Redis refuses one of its commands', async () => {
    const prefix = freshPrefix();
    const response = await post('/multi-exec', [['SET', `${prefix}:key`, 'value'], ['NOT-A-COMMAND']]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^EXECABORT .*unknown command/);
    expect(await redis.get(`${prefix}:key`)).toBeNull();
  });

  it('turns a Redis error into a thrown error, one request or auto-pipelined', async () => {
    const prefix = freshPrefix();
    await redis.set(`${prefix}:word`, 'text');
    await expect(direct.incr(`${prefix}:word`)).rejects.toThrow(/ERR value is not an integer/);
    await expect(redis.incr(`${prefix}:word`)).rejects.toThrow(/ERR value is not an integer/);
  });

  it('rejects a wrong or missing token with 401 and a JSON error', async () => {
    const intruder = new Redis({ url, token: `${token}-wrong`, retry: false });
    await expect(intruder.get(`${freshPrefix()}:key`)).rejects.toThrow(/WRONGPASS/);
    const response = await post('/', ['PING'], {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/^WRONGPASS/) });
  });

  it('rejects a body that is not a command with 400', async () => {
    const response = await post('/', { command: 'PING' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/^ERR /) });
  });
});

describe('scripts with a #!lua flags line, which Redis 7.0 refuses as they are', () => {
  /** A comment makes the script unique, so no earlier test or run has loaded it. */
  function uniqueScript(): string {
    return `#!lua flags=allow-key-locking\n-- ${crypto.randomUUID()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`;
  }

  it('runs them with EVAL, after which EVALSHA finds them by the hash the client computed', async () => {
    const key = `${freshPrefix()}:count`;
    const script = uniqueScript();
    const hash = await sha1(script);
    await expect(direct.evalsha(hash, [key], [1])).rejects.toThrow(/NOSCRIPT/);
    expect(await direct.eval(script, [key], [2])).toBe(2);
    expect(await direct.evalsha(hash, [key], [3])).toBe(5);
    expect(await redis.evalsha(hash.toUpperCase(), [key], [4])).toBe(9);
  });

  it('loads them with SCRIPT LOAD, which answers with the client’s hash', async () => {
    const key = `${freshPrefix()}:count`;
    const script = uniqueScript();
    const hash = await sha1(script);
    expect(await redis.scriptExists(hash)).toEqual([0]);
    expect(await redis.scriptLoad(script)).toBe(hash);
    expect(await redis.scriptExists(hash)).toEqual([1]);
    expect(await redis.evalsha(hash, [key], [7])).toBe(7);
  });

  it('falls back from EVALSHA to EVAL in the client’s own Script helper', async () => {
    const key = `${freshPrefix()}:count`;
    const script = redis.createScript<number>(uniqueScript());
    expect(await script.exec([key], ['1'])).toBe(1);
    expect(await script.evalsha([key], ['1'])).toBe(2);
  });
});

/** A Redis client that records, for each EVALSHA the rate limiter sends, whether Redis had the script. */
function recordingEvalsha(client: Redis): { client: Redis; outcomes: string[] } {
  const outcomes: string[] = [];
  const recording = new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'evalsha' || typeof value !== 'function') return value;
      return async (...args: Parameters<Redis['evalsha']>) => {
        try {
          const result: unknown = await value(...args);
          outcomes.push('found');
          return result;
        } catch (error) {
          outcomes.push(String(error).includes('NOSCRIPT') ? 'noscript' : 'failed');
          throw error;
        }
      };
    },
  });
  return { client: recording, outcomes };
}

/** One app instance's limiter: its own Redis client and limiter object, over the shared store. */
function limiterFor(limiter: ConstructorParameters<typeof Ratelimit>[0]['limiter'], prefix: string, client?: Redis) {
  return new Ratelimit({
    redis: client ?? new Redis({ url, token }),
    limiter,
    prefix,
    // Each call must reach Redis: the in-memory cache would answer a blocked identifier on its own.
    ephemeralCache: false,
    analytics: false,
  });
}

describe('@upstash/ratelimit over the stand-in', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one token bucket between two instances, several tokens at a time', async () => {
    const prefix = freshPrefix();
    const limiter = Ratelimit.tokenBucket(5, '60 s', 10);
    const first = limiterFor(limiter, prefix);
    const second = limiterFor(limiter, prefix);

    expect(await first.limit('user', { rate: 4 })).toMatchObject({ success: true, remaining: 6, limit: 10 });
    expect(await second.limit('user', { rate: 5 })).toMatchObject({ success: true, remaining: 1 });
    expect(await first.limit('user', { rate: 2 })).toMatchObject({ success: false, remaining: 0 });
    expect(await second.limit('user', { rate: 1 })).toMatchObject({ success: true, remaining: 0 });
    expect(await first.limit('user')).toMatchObject({ success: false });
    expect(await second.getRemaining('user')).toMatchObject({ remaining: 0, limit: 10 });
    expect(await first.limit('someone-else', { rate: 10 })).toMatchObject({ success: true, remaining: 0 });
  });

  it('refills the token bucket after its interval', async () => {
    const now = Date.UTC(2026, 10, 27, 12, 0, 30);
    vi.useFakeTimers({ toFake: ['Date'], now });
    const bucket = limiterFor(Ratelimit.tokenBucket(5, '60 s', 10), freshPrefix());

    expect(await bucket.limit('user', { rate: 10 })).toMatchObject({ success: true, remaining: 0, reset: now + 60_000 });
    expect(await bucket.limit('user')).toMatchObject({ success: false });
    vi.setSystemTime(now + 60_000);
    expect(await bucket.limit('user', { rate: 2 })).toMatchObject({ success: true, remaining: 3 });
  });

  it('shares one sliding window between two instances, several units at a time', async () => {
    // Mid-window, so the test cannot straddle two windows.
    const now = Date.UTC(2026, 10, 27, 12, 0, 30);
    vi.useFakeTimers({ toFake: ['Date'], now });
    const prefix = freshPrefix();
    const limiter = Ratelimit.slidingWindow(10, '60 s');
    const first = limiterFor(limiter, prefix);
    const second = limiterFor(limiter, prefix);
    const windowEnd = Date.UTC(2026, 10, 27, 12, 1, 0);

    expect(await first.limit('user', { rate: 4 })).toMatchObject({ success: true, remaining: 6, reset: windowEnd });
    expect(await second.limit('user', { rate: 4 })).toMatchObject({ success: true, remaining: 2 });
    expect(await first.limit('user', { rate: 2 })).toMatchObject({ success: true, remaining: 0 });
    expect(await second.limit('user', { rate: 1 })).toMatchObject({ success: false, remaining: 0 });
    expect(await first.getRemaining('user')).toMatchObject({ remaining: 0, limit: 10 });
  });

  it('gives the budget back after resetUsedTokens', async () => {
    const prefix = freshPrefix();
    const limiter = Ratelimit.slidingWindow(3, '60 s');
    const first = limiterFor(limiter, prefix);
    const second = limiterFor(limiter, prefix);

    expect(await first.limit('user', { rate: 3 })).toMatchObject({ success: true, remaining: 0 });
    expect(await second.limit('user')).toMatchObject({ success: false });
    await second.resetUsedTokens('user');
    expect(await first.getRemaining('user')).toMatchObject({ remaining: 3 });
    expect(await first.limit('user', { rate: 3 })).toMatchObject({ success: true, remaining: 0 });
  });

  it('serves the limiter’s scripts from the script cache after the first call', async () => {
    const { client, outcomes } = recordingEvalsha(new Redis({ url, token }));
    const limiter = limiterFor(Ratelimit.tokenBucket(5, '60 s', 10), freshPrefix(), client);

    for (let call = 0; call < 4; call++) {
      expect(await limiter.limit('user')).toMatchObject({ success: true, remaining: 9 - call });
    }
    // The first EVALSHA may miss (then the limiter falls back to EVAL); every later one must hit.
    expect(outcomes).toHaveLength(4);
    expect(outcomes[0]).toMatch(/^(found|noscript)$/);
    expect(outcomes.slice(1)).toEqual(['found', 'found', 'found']);
  });
});

describe('startUpstashServer', () => {
  it('stops both the REST server and redis-server on close', async () => {
    const server = await startUpstashServer({ token: 'lifecycle-token' });
    onTestFinished(() => server.close());
    const client = new Redis({ url: server.url, token: 'lifecycle-token', retry: false });
    expect(await client.set('key', 'value')).toBe('OK');
    expect(await client.get('key')).toBe('value');

    await server.close();
    await server.close();
    await expect(fetch(server.url, { method: 'POST', body: '["PING"]' })).rejects.toThrow();
    await expect(RespConnection.connect(server.redisPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('names the apt package to install when redis-server is missing', async () => {
    await expect(startUpstashServer({ redisServer: '/nonexistent/redis-server' })).rejects.toThrow(
      /apt-get install redis-server/,
    );
  });
});
