import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { POST } from '@/app/api/moa/route';
import { UpstashLimitStore } from '@/lib/limits/upstash-store';
import { planRunUsage } from '@/lib/limits/usage';
import { moaConfigSchema } from '@/lib/protocol/moa-config';
import { createGetModel } from '@/lib/models/registry';
import { getRequests, resetNamespace, setBehaviors } from '../support/openai-control';
import { readChunks } from '../support/sse';

const baseURL = inject('openaiBaseUrl');
const ask = [{ role: 'user', content: 'Why is the sky blue?' }];
const NAMESPACE = 'limits';

let clientHeader = '';
let nextClient = 0;

/**
 * Switches the limits on with `env`. The trusted client header gets a new name per test: the limiter keeps its
 * store while its configuration stays the same, so a new name gives each test budgets of its own.
 */
function useLimits(env: Record<string, string>) {
  clientHeader = `x-test-client-${crypto.randomUUID().slice(0, 8)}`;
  vi.stubEnv('RATE_LIMITS', 'on');
  vi.stubEnv('CLIENT_IP_HEADER', clientHeader);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

const newClient = () => `198.51.100.${++nextClient}`;

function post(body: unknown, client: string, headers: Record<string, string> = {}) {
  return POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [clientHeader]: client, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** A run of `proposers` agents plus an aggregator, every one a model of the test server behind `together`. */
function serverConfig(proposers: number, model = (index: number) => `together:${NAMESPACE}/m${index}`) {
  return {
    layers: [{ agents: Array.from({ length: proposers }, (_, index) => ({ model: model(index), maxOutputTokens: 32 })) }],
    aggregator: { model: model(99), maxOutputTokens: 32 },
    maxRetries: 0,
  };
}

async function refusal(response: Response) {
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after')), body: await response.json() };
}

beforeEach(async () => {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', 'sk-server-test-key');
  vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  // The test server's models, priced by the operator so that the server's key may run them.
  vi.stubEnv('SERVER_MODELS', [...Array.from({ length: 8 }, (_, index) => index), 99].map((index) => `together:${NAMESPACE}/m${index}=0/0`).join(','));
  await resetNamespace(baseURL, NAMESPACE);
});
afterEach(() => vi.unstubAllEnvs());

describe('per-client budgets on POST /api/moa', () => {
  it('counts model calls, not requests, and answers 429 with Retry-After once they are used', async () => {
    useLimits({ RATE_LIMIT_SIMULATED_CALLS: '30', RATE_LIMIT_WINDOW_SECONDS: '600' });
    const client = newClient();
    for (let run = 0; run < 2; run += 1) {
      const response = await post({ messages: ask, preset: 'simulated' }, client);
      expect(response.status).toBe(200);
      await readChunks(response);
    }
    // 2 × 13 calls used, 4 left: a third 13-call run does not fit, but a 2-call run does.
    const refused = await refusal(await post({ messages: ask, preset: 'simulated' }, client));
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThan(590);
    expect(refused.retryAfter).toBeLessThanOrEqual(600);
    expect(refused.body).toEqual({ code: 'rate_limited', message: expect.stringContaining('the 30 model calls allowed with simulated models per 10 minutes') });
    const small = { layers: [{ agents: [{ model: 'simulator:qwen-72b' }] }], aggregator: { model: 'simulator:qwen-72b' } };
    expect((await post({ messages: ask, config: small }, client)).status).toBe(200);
  });

  it('keeps clients apart by the trusted header, and ignores headers nobody vouches for', async () => {
    useLimits({ RATE_LIMIT_SIMULATED_CALLS: '13' });
    const client = newClient();
    expect((await post({ messages: ask, preset: 'simulated' }, client)).status).toBe(200);
    expect((await post({ messages: ask, preset: 'simulated' }, client)).status).toBe(429);
    expect((await post({ messages: ask, preset: 'simulated' }, newClient())).status).toBe(200);
    // A client that forges X-Forwarded-For is still the same client.
    const forged = await post({ messages: ask, preset: 'simulated' }, client, { 'x-forwarded-for': newClient() });
    expect(forged.status).toBe(429);
  });

  it('gives runs on the server’s keys a smaller budget than runs on the caller’s own key, and refuses before any call', async () => {
    useLimits({ RATE_LIMIT_SERVER_CALLS: '8', RATE_LIMIT_BYO_CALLS: '40' });
    const client = newClient();
    const config = serverConfig(5);
    const first = await post({ messages: ask, config }, client);
    expect(first.status).toBe(200);
    await readChunks(first);
    const callsAfterFirst = (await getRequests(baseURL, NAMESPACE)).length;
    expect(callsAfterFirst).toBe(6);

    const refused = await refusal(await post({ messages: ask, config }, client));
    expect(refused.status).toBe(429);
    expect(refused.body.message).toContain('Your own API key has a larger budget');
    expect((await getRequests(baseURL, NAMESPACE)).length).toBe(callsAfterFirst);

    for (let run = 0; run < 6; run += 1) {
      const own = await post({ messages: ask, config }, client, { 'x-moa-key-together': 'sk-caller-key' });
      expect(own.status).toBe(200);
      await readChunks(own);
    }
    expect((await post({ messages: ask, config }, client, { 'x-moa-key-together': 'sk-caller-key' })).status).toBe(429);
  });

  it('enforces smaller caps on the server’s keys whatever the client sends', async () => {
    useLimits({});
    const client = newClient();
    const wide = { ...serverConfig(7), maxRetries: 0 };
    const response = await post({ messages: ask, config: wide }, client);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_request', field: 'config.layers.0.agents' });
    expect((await getRequests(baseURL, NAMESPACE)).length).toBe(0);

    const own = await post({ messages: ask, config: wide }, client, { 'x-moa-key-together': 'sk-caller-key' });
    expect(own.status).toBe(200);
    await readChunks(own);
  });

  it('keeps the budgets in Upstash Redis when it is configured', async () => {
    useLimits({
      RATE_LIMIT_SIMULATED_CALLS: '13',
      UPSTASH_REDIS_REST_URL: inject('upstashUrl'),
      UPSTASH_REDIS_REST_TOKEN: inject('upstashToken'),
    });
    const client = newClient();
    expect((await post({ messages: ask, preset: 'simulated' }, client)).status).toBe(200);
    const refused = await refusal(await post({ messages: ask, preset: 'simulated' }, client));
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    // The budget lives in Redis, not in this limiter: a second instance, with a store of its own, sees it used.
    const other = new UpstashLimitStore({ url: inject('upstashUrl'), token: inject('upstashToken') });
    expect((await other.take(`calls:simulated:${client}`, 1, 13, 3_600_000)).ok).toBe(false);
  });

  it('lets everything through with RATE_LIMITS=off', async () => {
    useLimits({ RATE_LIMITS: 'off', RATE_LIMIT_SIMULATED_CALLS: '1' });
    expect((await post({ messages: ask, preset: 'simulated' }, newClient())).status).toBe(200);
  });
});

describe('the daily spend ceiling on the server’s keys', () => {
  // A catalog model with a price, served by the test server standing in for Together.
  const priced = 'together:Qwen/Qwen2.5-72B-Instruct-Turbo';
  const pricedConfig = {
    layers: [{ agents: [{ model: priced, maxOutputTokens: 1000 }] }],
    aggregator: { model: priced, maxOutputTokens: 1000 },
    maxRetries: 0,
  };
  const estimate = () => {
    const access = { env: { TOGETHER_API_KEY: 'k' }, byoKeys: {}, localModels: [] };
    return planRunUsage({ config: moaConfigSchema.parse(pricedConfig), messages: ask as never, access, getModel: createGetModel(access) })
      .estimatedServerUsd;
  };

  it('reserves each run’s estimate, refuses what would pass the ceiling, and settles to the real cost', async () => {
    useLimits({ DAILY_SPEND_LIMIT_USD: String(estimate() * 1.5) });
    await setBehaviors(baseURL, { 'Qwen/Qwen2.5-72B-Instruct-Turbo': { text: 'Short answer.' } });
    const first = await post({ messages: ask, config: pricedConfig }, newClient());
    expect(first.status).toBe(200);

    // While the first run holds its reservation, a second one would pass the ceiling.
    const refused = await refusal(await post({ messages: ask, config: pricedConfig }, newClient()));
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('budget_exhausted');
    expect(refused.body.message).toContain('Add your own key under “API keys”');
    const secondsToMidnight = (86_400_000 - (Date.now() % 86_400_000)) / 1000;
    expect(Math.abs(refused.retryAfter - secondsToMidnight)).toBeLessThan(5);

    // Simulated runs and runs on the caller's own key go on.
    expect((await post({ messages: ask, preset: 'simulated' }, newClient())).status).toBe(200);
    const own = await post({ messages: ask, config: pricedConfig }, newClient(), { 'x-moa-key-together': 'sk-caller-key' });
    expect(own.status).toBe(200);
    await readChunks(own);

    // The first run's answers were a few tokens, not 1000: once settled, there is room again.
    await readChunks(first);
    const third = await post({ messages: ask, config: pricedConfig }, newClient());
    expect(third.status).toBe(200);
    await readChunks(third);
  });

  it('refuses every run on the server’s keys at a ceiling of zero', async () => {
    useLimits({ DAILY_SPEND_LIMIT_USD: '0' });
    const refused = await refusal(await post({ messages: ask, config: pricedConfig }, newClient()));
    expect(refused.body.code).toBe('budget_exhausted');
  });
});
