import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { POST } from '@/app/api/moa/route';
import { limiterFor } from '@/lib/limits/limiter';
import { processLimitStore } from '@/lib/limits/process-store';
import { getRequests, setBehaviors, waitForIdle } from '../support/openai-control';
import { finalAgentParts, readChunks } from '../support/sse';

/**
 * What a client can make the server's keys spend, through the real route: only priced models, every started call
 * counted, own-key headers that are keys, and no more runs at once than the caps allow.
 */
const baseURL = inject('openaiBaseUrl');
const ask = [{ role: 'user', content: 'Why is the sky blue?' }];
const DAY_MS = 86_400_000;

let clientHeader = '';
let nextClient = 0;
const newClient = () => `203.0.113.${++nextClient}`;

function useLimits(env: Record<string, string> = {}) {
  clientHeader = `x-test-client-${crypto.randomUUID().slice(0, 8)}`;
  vi.stubEnv('RATE_LIMITS', 'on');
  vi.stubEnv('CLIENT_IP_HEADER', clientHeader);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

function post(body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [clientHeader]: newClient(), ...headers },
      body: JSON.stringify(body),
      signal,
    }),
  );
}

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

/** Dollars the server's keys have spent (or hold reserved) today, as the process's store counts them. */
async function spentToday(): Promise<number> {
  const counter = `spend:${new Date().toISOString().slice(0, 10)}`;
  return (await processLimitStore().addWithin(counter, 0, Number.MAX_SAFE_INTEGER, 2 * DAY_MS)).total / 1_000_000;
}

/** A one-proposer run plus an aggregator on `model`. */
const pair = (model: string, maxOutputTokens = 64) => ({
  layers: [{ agents: [{ model, maxOutputTokens }] }],
  aggregator: { model, maxOutputTokens },
  maxRetries: 0,
});

beforeEach(() => {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', 'sk-server-test-key');
  vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  vi.stubEnv('GROQ_API_KEY', 'sk-server-test-key');
  vi.stubEnv('GROQ_BASE_URL', inject('refusedBaseUrl'));
});
afterEach(() => vi.unstubAllEnvs());

describe('models on the server’s keys', () => {
  it.each([
    ['a model the catalog does not list', 'together:deepseek-ai/DeepSeek-R1'],
    ['another one', 'together:meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo'],
    ['a catalog id spelled in lower case', 'together:qwen/qwen2.5-72b-instruct-turbo'],
  ])('refuses %s with 400 unknown_model naming the field, before any call', async (_case, model) => {
    useLimits({ DAILY_SPEND_LIMIT_USD: '0.01' });
    const namespace = model.slice('together:'.length).split('/')[0] ?? '';
    const before = (await getRequests(baseURL, namespace)).length;
    const { status, body } = await json(await post({ messages: ask, config: pair(model) }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'unknown_model', field: 'config.layers.0.agents.0.model' });
    expect(body.message).toContain("is not in this server's catalog");
    expect((await getRequests(baseURL, namespace)).length).toBe(before);
  });

  it('runs any model of the provider on the caller’s own key, who pays for it', async () => {
    useLimits({ DAILY_SPEND_LIMIT_USD: '0.01' });
    const namespace = `own-${crypto.randomUUID()}`;
    const response = await post({ messages: ask, config: pair(`together:${namespace}/any-model`) }, { 'x-moa-key-together': 'sk-caller-key' });
    expect(response.status).toBe(200);
    await readChunks(response);
    const requests = await getRequests(baseURL, namespace);
    expect(requests).toHaveLength(2);
    expect(requests.every((request) => request.authorization === 'Bearer sk-caller-key')).toBe(true);
  });

  it('runs a model the operator priced in SERVER_MODELS, and counts it against the ceiling', async () => {
    const namespace = `priced-${crypto.randomUUID()}`;
    const model = `together:${namespace}/m`;
    useLimits({ SERVER_MODELS: `${model}=2000/2000`, DAILY_SPEND_LIMIT_USD: String((await spentToday()) + 0.01) });
    // 2 calls of about 70 tokens at $2,000 per million tokens: about $0.3, far over a $0.01 ceiling.
    const refused = await json(await post({ messages: ask, config: pair(model) }));
    expect(refused).toMatchObject({ status: 429, body: { code: 'budget_exhausted' } });

    vi.stubEnv('DAILY_SPEND_LIMIT_USD', 'off');
    const admitted = await post({ messages: ask, config: pair(model) });
    expect(admitted.status).toBe(200);
    expect(finalAgentParts((await readChunks(admitted)).chunks).get('L1.1')?.cost).toBeGreaterThan(0);
  });
});

describe('calls that do not finish', () => {
  it('are settled at their prompt and the tokens seen, so clients that leave still use up the ceiling', async () => {
    const namespace = `leave-${crypto.randomUUID()}`;
    const model = `together:${namespace}/slow`;
    // The prompt is most of the price: input is dear, output cheap.
    useLimits({ SERVER_MODELS: `${model}=100/1` });
    await setBehaviors(baseURL, { [`${namespace}/slow`]: { text: 'word '.repeat(400), tokensPerSecond: 20 } });
    const long = [{ role: 'user', content: 'Tell me about the sky. '.repeat(600) }];
    const before = await spentToday();

    const client = new AbortController();
    const response = await post({ messages: long, config: pair(model, 512) }, {}, client.signal);
    expect(response.status).toBe(200);
    // Leave once the proposer has streamed a little.
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"data-agent-delta"')) seen += new TextDecoder().decode((await reader.read()).value);
    client.abort();
    await reader.cancel().catch(() => undefined);
    await waitForIdle(baseURL, namespace, { minStarted: 1 });

    // The proposer's prompt, about 3,500 tokens at $100 per million, is what the provider billed: about $0.35.
    await vi.waitFor(async () => expect((await spentToday()) - before).toBeGreaterThan(0.3), { timeout: 5_000 });
    expect(limiterFor(process.env).runsInFlight).toBe(0);
  }, 20_000);

  it('bills a call the provider cut off mid-answer, and not one it refused', async () => {
    const namespace = `cut-${crypto.randomUUID()}`;
    useLimits({ SERVER_MODELS: `together:${namespace}/cut=100/100,together:${namespace}/refused=100/100,together:${namespace}/ok=100/100` });
    await setBehaviors(baseURL, {
      [`${namespace}/cut`]: { text: 'one two three four five six seven eight', disconnectAfterTokens: 3 },
      [`${namespace}/refused`]: { status: 400 },
    });
    const config = {
      layers: [{ agents: [{ model: `together:${namespace}/cut` }, { model: `together:${namespace}/refused` }, { model: `together:${namespace}/ok` }] }],
      aggregator: { model: `together:${namespace}/ok` },
      maxRetries: 0,
    };
    const response = await post({ messages: ask, config });
    const agents = finalAgentParts((await readChunks(response)).chunks);
    expect(agents.get('L1.1')).toMatchObject({ status: 'failed' });
    expect(agents.get('L1.1')?.cost).toBeGreaterThan(0);
    expect(agents.get('L1.1')?.usage.outputTokens).toBeGreaterThan(0);
    expect(agents.get('L1.2')).toMatchObject({ status: 'failed' });
    expect(agents.get('L1.2')?.cost).toBeUndefined();
  });
});

describe('token estimates', () => {
  it('count CJK text at a token a character, so such a conversation reserves what it costs', async () => {
    const model = 'together:Qwen/Qwen2.5-72B-Instruct-Turbo';
    const latin = [{ role: 'user', content: 'a'.repeat(8_000) }];
    const chinese = [{ role: 'user', content: '天'.repeat(8_000) }];
    // 8,000 Latin characters are 2,000 tokens, 8,000 Chinese ones 8,000: room for the first run, not the second.
    const perToken = 1.2 / 1_000_000;
    const latinEstimate = (2 * (2_000 + 64) + 200 + 64) * perToken;
    useLimits({ DAILY_SPEND_LIMIT_USD: String((await spentToday()) + latinEstimate * 1.5) });
    await setBehaviors(baseURL, { 'Qwen/Qwen2.5-72B-Instruct-Turbo': { text: 'Short.' } });
    const refused = await json(await post({ messages: chinese, config: pair(model) }));
    expect(refused).toMatchObject({ status: 429, body: { code: 'budget_exhausted' } });
    const admitted = await post({ messages: latin, config: pair(model) });
    expect(admitted.status).toBe(200);
    await readChunks(admitted);
  });
});

describe('own-key headers', () => {
  it('refuses a key that cannot be one with 400 invalid_key, instead of running on the server’s key', async () => {
    useLimits();
    const namespace = `badkey-${crypto.randomUUID()}`;
    useLimits({ SERVER_MODELS: `together:${namespace}/m=1/1` });
    const { status, body } = await json(
      await post({ messages: ask, config: pair(`together:${namespace}/m`) }, { 'x-moa-key-together': 'not a key' }),
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_key', field: 'x-moa-key-together' });
    expect(await getRequests(baseURL, namespace)).toHaveLength(0);
  });
});

describe('provider errors that reach the client', () => {
  it('have keys and addresses taken out', async () => {
    const namespace = `echo-${crypto.randomUUID()}`;
    const key = 'tgp_v1_Zx9fKq2LmW8vR4tY6uP0sN3bH7jD5cA1eG';
    useLimits();
    await setBehaviors(baseURL, { [`${namespace}/echo`]: { status: 401, errorMessage: `Invalid API key provided: Bearer ${key}` } });
    const config = {
      layers: [{ agents: [{ model: `together:${namespace}/echo` }, { model: 'groq:refused-model' }, { model: `together:${namespace}/ok` }] }],
      aggregator: { model: `together:${namespace}/ok` },
      maxRetries: 0,
    };
    const response = await post({ messages: ask, config }, { 'x-moa-key-together': key, 'x-moa-key-groq': 'gsk_caller0key0for0groq0123456789' });
    const text = await response.text();
    expect(text).not.toContain(key);
    expect(text).not.toContain('127.0.0.1');
    expect(text).toContain('ECONNREFUSED [address]');
    expect(text).not.toMatch(/ECONNREFUSED (?!\[address\])/);
    expect(text).toContain('Invalid API key provided: Bearer [redacted]');
  });
});

describe('runs at once', () => {
  /** Starts a run that hangs until aborted, on the caller's own key. */
  async function hangingRun(namespace: string, client: string) {
    const controller = new AbortController();
    const response = await POST(
      new Request('http://localhost/api/moa', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [clientHeader]: client, 'x-moa-key-together': 'sk-caller-key' },
        body: JSON.stringify({ messages: ask, config: pair(`together:${namespace}/hang`) }),
        signal: controller.signal,
      }),
    );
    return { response, stop: () => controller.abort() };
  }

  it('caps each client at 4 and frees a slot when a run ends, however it ends', async () => {
    useLimits();
    const namespace = `slots-${crypto.randomUUID()}`;
    await setBehaviors(baseURL, { [`${namespace}/hang`]: { hang: true } });
    const client = newClient();
    const runs = [];
    for (let index = 0; index < 4; index += 1) runs.push(await hangingRun(namespace, client));
    expect(runs.map((run) => run.response.status)).toEqual([200, 200, 200, 200]);

    const fifth = await hangingRun(namespace, client);
    expect(fifth.response.status).toBe(429);
    expect(Number(fifth.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fifth.response.json()).code).toBe('too_many_runs');

    const other = await hangingRun(namespace, newClient());
    expect(other.response.status).toBe(200);

    runs[0]!.stop();
    await vi.waitFor(() => expect(limiterFor(process.env).runsInFlight).toBe(4), { timeout: 5_000 });
    const again = await hangingRun(namespace, client);
    expect(again.response.status).toBe(200);

    for (const run of [...runs.slice(1), other, again]) run.stop();
    await vi.waitFor(() => expect(limiterFor(process.env).runsInFlight).toBe(0), { timeout: 5_000 });
  });

  it('caps the instance as a whole', async () => {
    useLimits({ MAX_CONCURRENT_RUNS: '2' });
    const namespace = `instance-${crypto.randomUUID()}`;
    await setBehaviors(baseURL, { [`${namespace}/hang`]: { hang: true } });
    const first = await hangingRun(namespace, newClient());
    const second = await hangingRun(namespace, newClient());
    const third = await hangingRun(namespace, newClient());
    expect([first.response.status, second.response.status, third.response.status]).toEqual([200, 200, 429]);
    expect((await third.response.json()).code).toBe('too_many_runs');
    first.stop();
    second.stop();
    await vi.waitFor(() => expect(limiterFor(process.env).runsInFlight).toBe(0), { timeout: 5_000 });
  });
});

describe('requests from other websites', () => {
  const body = JSON.stringify({ messages: ask, preset: 'simulated' });
  const send = (headers: Record<string, string>, payload: BodyInit = body) =>
    POST(new Request('http://localhost/api/moa', { method: 'POST', headers, body: payload }));

  it('refuses bodies not declared exactly as application/json, which browsers send across sites without asking', async () => {
    useLimits();
    const sneaky = await send({ 'content-type': 'text/plain; application/json' });
    expect(sneaky.status).toBe(415);
    expect((await sneaky.json()).code).toBe('unsupported_media_type');
    const untyped = await POST(new Request('http://localhost/api/moa', { method: 'POST', body: new Blob([body]) }));
    expect(untyped.status).toBe(415);
    const withCharset = await send({ 'content-type': 'Application/JSON; charset=utf-8' });
    expect(withCharset.status).toBe(200);
    await readChunks(withCharset);
  });

  it('refuses a cross-site browser request with 403 cross_site, and lets the site’s own through', async () => {
    useLimits({ SITE_URL: 'https://moa.example.com' });
    const contentType = { 'content-type': 'application/json' };
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'https://evil.example', host: 'localhost:3000' },
    ]) {
      const refused = await json(await send({ ...contentType, ...headers }));
      expect(refused).toMatchObject({ status: 403, body: { code: 'cross_site' } });
    }
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' },
      { origin: 'https://moa.example.com', host: '127.0.0.1:3000' },
      {},
    ]) {
      const response = await send({ ...contentType, ...headers });
      expect(response.status).toBe(200);
      await readChunks(response);
    }
  });
});
