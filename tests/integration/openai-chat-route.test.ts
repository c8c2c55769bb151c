import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { serverModelsOf } from '../support/test-models';
import { streamText } from 'ai';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { chatCompletionChunkSchema, chatCompletionSchema } from '@/lib/openai/chat-response';
import { modelListSchema } from '@/lib/openai/model-list';
import { getRequests, setBehaviors, waitForIdle, waitForRequests } from '../support/openai-control';
import { OPENAI_STREAM, OPTIONAL_KEYS, shapeOf } from '../support/openai-chunk-shapes';
import { postChat, readEvents, v1Client } from '../support/v1-route';

const baseURL = inject('openaiBaseUrl');
const SERVER_KEY = 'sk-server-test-key';
const TOKEN = 'moa-test-token-0123456789abcdef';
const OTHER_TOKEN = 'moa-test-token-fedcba9876543210';
const ask = [{ role: 'user' as const, content: 'Why is the sky blue?' }];

beforeEach(() => {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', SERVER_KEY);
  vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  vi.stubEnv('MOA_API_TOKENS', `${TOKEN}, ${OTHER_TOKEN}`);
});
afterEach(() => vi.unstubAllEnvs());

/**
 * A config whose agents are models of the test server, reached through the `together` provider; they are outside
 * the catalog, so the operator's `SERVER_MODELS` lists them for the server's key.
 */
function serverConfig(namespace: string, proposers: string[], aggregator: string, maxRetries = 0) {
  vi.stubEnv('SERVER_MODELS', serverModelsOf(namespace, [...proposers, aggregator]));
  const agent = (name: string) => ({ model: `together:${namespace}/${name}`, maxOutputTokens: 64 });
  return { layers: [{ agents: proposers.map(agent) }], aggregator: agent(aggregator), maxRetries };
}

async function apiErrorOf(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('POST /v1/chat/completions with the official openai client', () => {
  it('answers a simulated MoA as one chat.completion with the usage of every call', async () => {
    const completion = await v1Client().chat.completions.create({ model: 'simulated', messages: ask });
    expect(chatCompletionSchema.parse(completion)).toBeTruthy();
    expect(completion.choices[0]?.message.content).toMatch(/simulat/i);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.model).toBe('simulated');

    const usage = completion.usage as OpenAI.CompletionUsage & { moa: any };
    const agents: any[] = usage.moa.agents;
    expect(agents).toHaveLength(13);
    expect(usage.prompt_tokens).toBe(agents.reduce((sum, agent) => sum + agent.usage.inputTokens, 0));
    expect(usage.completion_tokens).toBe(agents.reduce((sum, agent) => sum + agent.usage.outputTokens, 0));
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.moa.summary).toMatchObject({ status: 'done', agents: { total: 13, done: 13 } });
    expect(usage.moa.summary.criticalPathMs).toBeGreaterThan(0);
    expect(agents.every((agent) => agent.timings.durationMs >= 0 && agent.text === undefined)).toBe(true);
  });

  it('streams the same answer as chunks, the seed making the run repeatable', async () => {
    const client = v1Client();
    const whole = await client.chat.completions.create({ model: 'simulated', messages: ask, seed: 42 });
    const stream = await client.chat.completions.create({ model: 'simulated', messages: ask, seed: 42, stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.every((chunk) => chatCompletionChunkSchema.safeParse(chunk).success)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason).map((chunk) => chunk.choices[0]?.finish_reason)).toEqual(['stop']);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.some((chunk) => 'usage' in chunk || 'moa' in chunk)).toBe(false);
  });

  it('adds usage: null to every chunk and a last usage chunk without choices when asked, then [DONE]', async () => {
    const response = await postChat({ model: 'simulated', messages: ask, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { events } = await readEvents(response);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as Record<string, any>[];
    expect(chunks.every((chunk) => chatCompletionChunkSchema.safeParse(chunk).success)).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(last.usage.total_tokens).toBe(last.usage.prompt_tokens + last.usage.completion_tokens);
    expect(last.usage.moa.summary.agents.total).toBe(13);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('sends chunks with the keys and value types of OpenAI’s own, [DONE] last', async () => {
    const response = await postChat({ model: 'simulated', messages: ask, stream: true, stream_options: { include_usage: true } });
    const { events } = await readEvents(response);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as Record<string, any>[];
    const shape = (chunk: unknown) => shapeOf(chunk, OPTIONAL_KEYS);
    expect(shape(chunks[0])).toEqual(shape(OPENAI_STREAM.role));
    for (const chunk of chunks.slice(1, -2)) expect(shape(chunk)).toEqual(shape(OPENAI_STREAM.content));
    expect(shape(chunks.at(-2))).toEqual(shape(OPENAI_STREAM.finish));
    const { moa: _moa, ...openaiUsage } = chunks.at(-1)!.usage;
    expect(shape({ ...chunks.at(-1), usage: openaiUsage })).toEqual(shape(OPENAI_STREAM.usage));
  });

  it('streams layer and agent progress only when asked for, in chunks without choices', async () => {
    const { events: plain } = await readEvents(await postChat({ model: 'simulated', messages: ask, stream: true }));
    expect(plain.some((event) => event !== '[DONE]' && 'moa' in event)).toBe(false);

    const { events } = await readEvents(await postChat({ model: 'simulated', messages: ask, stream: true, moa: { progress: true } }));
    const progress = events.flatMap((event) => (event !== '[DONE]' && event.moa ? [event] : []));
    expect(progress.every((chunk) => chunk.choices.length === 0 && chatCompletionChunkSchema.safeParse(chunk).success)).toBe(true);
    expect(progress[0]?.moa.type).toBe('run-start');
    const ends = progress.filter((chunk) => chunk.moa.type === 'agent-end');
    expect(ends).toHaveLength(13);
    expect(ends.every((chunk) => chunk.moa.agent.status === 'done' && chunk.moa.agent.text === undefined)).toBe(true);
    expect(progress.filter((chunk) => chunk.moa.type === 'layer-end').map((chunk) => chunk.moa.layer.layer)).toEqual([1, 2, 3]);
  });

  it('accepts text parts, a developer message and the neutral values clients send by default', async () => {
    const completion = await v1Client().chat.completions.create({
      model: 'simulated',
      messages: [
        { role: 'developer', content: 'Answer briefly.' },
        { role: 'user', content: [{ type: 'text', text: 'Why is the sky' }, { type: 'text', text: 'blue?' }] },
      ],
      n: 1,
      top_p: 1,
      frequency_penalty: 0,
      presence_penalty: 0,
      logprobs: false,
      response_format: { type: 'text' },
      tool_choice: 'none',
      user: 'end-user-1',
    });
    expect(completion.choices[0]?.message.content).toMatch(/simulat/i);
  });
});

describe('POST /v1/chat/completions over real providers', () => {
  it('sends temperature and max_tokens to the aggregator only, user to every agent, and the server key with a token', async () => {
    const namespace = `v1-settings-${crypto.randomUUID().slice(0, 8)}`;
    await setBehaviors(baseURL, { [`${namespace}/agg`]: { text: 'The aggregated answer.' } });
    const completion = await v1Client({ apiKey: TOKEN }).chat.completions.create({
      model: 'moa',
      messages: ask,
      temperature: 0.2,
      max_tokens: 48,
      user: 'end-user-7',
      moa: { config: serverConfig(namespace, ['a', 'b'], 'agg') },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(completion.choices[0]?.message.content).toBe('The aggregated answer.');

    const requests = await getRequests(baseURL, namespace);
    const byModel = new Map(requests.map((request) => [request.model.split('/')[1], request]));
    expect(byModel.get('agg')).toMatchObject({ temperature: 0.2, maxTokens: 48 });
    expect(byModel.get('a')).toMatchObject({ temperature: 0.7, maxTokens: 64 });
    expect(requests.every((request) => request.authorization === `Bearer ${SERVER_KEY}`)).toBe(true);
    expect(requests.map((request) => request.body.user)).toEqual(['end-user-7', 'end-user-7', 'end-user-7']);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('keeps the server keys from a caller without a token, and says why a key that is no token gets no model', async () => {
    const namespace = `v1-byo-${crypto.randomUUID().slice(0, 8)}`;
    const body = { model: 'moa', messages: ask, moa: { config: serverConfig(namespace, ['a'], 'agg') } } as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const refused = await apiErrorOf(v1Client({ apiKey: 'sk-not-a-token-of-this-server' }).chat.completions.create(body));
    expect(refused).toMatchObject({ status: 400, code: 'model_not_found', param: 'moa.config.layers[0].agents[0].model' });
    expect(refused.message).toContain('not a token of this server');

    const preset = await apiErrorOf(v1Client().chat.completions.create({ model: 'moa-lite', messages: ask }));
    expect(preset).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(await getRequests(baseURL, namespace)).toEqual([]);
  });

  it('runs a caller without a token on its own key from an x-moa-key header', async () => {
    const namespace = `v1-own-${crypto.randomUUID().slice(0, 8)}`;
    const client = v1Client({ headers: { 'x-moa-key-together': 'sk-own-key' } });
    await client.chat.completions.create({ model: 'moa', messages: ask, moa: { config: serverConfig(namespace, ['a'], 'agg') } } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const requests = await getRequests(baseURL, namespace);
    expect(requests).toHaveLength(2);
    expect(requests.every((request) => request.authorization === 'Bearer sk-own-key')).toBe(true);
  });

  it('lists the presets a caller may use: every one with a token, the simulated one without', async () => {
    const withToken = await v1Client({ apiKey: TOKEN }).models.list();
    expect(modelListSchema.safeParse({ object: 'list', data: withToken.data }).success).toBe(true);
    expect(withToken.data.map((model) => model.id)).toEqual(expect.arrayContaining(['moa', 'moa-lite', 'self-moa', 'simulated']));
    expect(withToken.data.every((model) => model.object === 'model' && model.owned_by === 'moa-studio')).toBe(true);
    const anonymous = await v1Client().models.list();
    expect(anonymous.data.map((model) => model.id)).toEqual(['simulated']);
  });

  it('maps a run whose every proposer failed to a 502 upstream_error, streaming or not', async () => {
    const namespace = `v1-fail-${crypto.randomUUID().slice(0, 8)}`;
    await setBehaviors(baseURL, { [`${namespace}/a`]: { status: 500 }, [`${namespace}/b`]: { status: 500 } });
    const body = { model: 'moa', messages: ask, moa: { config: serverConfig(namespace, ['a', 'b'], 'agg') } };
    const client = v1Client({ apiKey: TOKEN });
    const whole = await apiErrorOf(client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming));
    expect(whole).toMatchObject({ status: 502, code: 'upstream_error', type: 'api_error' });

    const stream = await client.chat.completions.create({ ...body, stream: true } as OpenAI.ChatCompletionCreateParamsStreaming);
    const streamed = await apiErrorOf((async () => {
      for await (const _chunk of stream) {
        // Read until the error event.
      }
    })());
    expect(streamed).toMatchObject({ code: 'upstream_error', type: 'api_error' });
  });

  it('maps a run failed by upstream rate limits to 429 rate_limit_exceeded', async () => {
    const namespace = `v1-429-${crypto.randomUUID().slice(0, 8)}`;
    await setBehaviors(baseURL, { [`${namespace}/a`]: { status: 429, retryAfter: '0' } });
    const error = await apiErrorOf(
      v1Client({ apiKey: TOKEN }).chat.completions.create({
        model: 'moa',
        messages: ask,
        moa: { config: serverConfig(namespace, ['a'], 'agg') },
      } as OpenAI.ChatCompletionCreateParamsNonStreaming),
    );
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'rate_limit_error' });
  });

  it('judges a failed run by the layer that ended it, not by a proposer lost before', async () => {
    const namespace = `v1-agg429-${crypto.randomUUID().slice(0, 8)}`;
    await setBehaviors(baseURL, { [`${namespace}/a`]: { status: 500 }, [`${namespace}/agg`]: { status: 429, retryAfter: '0' } });
    const error = await apiErrorOf(
      v1Client({ apiKey: TOKEN }).chat.completions.create({
        model: 'moa',
        messages: ask,
        moa: { config: serverConfig(namespace, ['a', 'b'], 'agg') },
      } as OpenAI.ChatCompletionCreateParamsNonStreaming),
    );
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
  });

  it('aborts every upstream call when the client aborts a stream', async () => {
    const namespace = `v1-abort-${crypto.randomUUID().slice(0, 8)}`;
    await setBehaviors(baseURL, { [`${namespace}/a`]: { hang: true }, [`${namespace}/b`]: { hang: true } });
    const controller = new AbortController();
    const stream = await v1Client({ apiKey: TOKEN }).chat.completions.create(
      { model: 'moa', messages: ask, stream: true, moa: { config: serverConfig(namespace, ['a', 'b'], 'agg') } } as OpenAI.ChatCompletionCreateParamsStreaming,
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.choices[0]?.delta.role).toBe('assistant');
    await waitForRequests(baseURL, namespace, 2);
    controller.abort();
    await iterator.next().catch(() => undefined);
    const stats = await waitForIdle(baseURL, namespace, { minStarted: 2 });
    expect(stats).toMatchObject({ started: 2, open: 0, clientClosed: 2 });
  });
});

describe('POST /v1/chat/completions and the limits', () => {
  it('budgets a token as its own client, with Retry-After when it is used up', async () => {
    vi.stubEnv('RATE_LIMITS', 'on');
    // A header nobody sends: callers without a token would all share the "unknown" budget.
    vi.stubEnv('CLIENT_IP_HEADER', `x-test-client-${crypto.randomUUID().slice(0, 8)}`);
    vi.stubEnv('RATE_LIMIT_SIMULATED_CALLS', '13');
    const request = { model: 'simulated', messages: ask };
    await v1Client({ apiKey: TOKEN }).chat.completions.create(request);
    const refused = await apiErrorOf(v1Client({ apiKey: TOKEN }).chat.completions.create(request));
    expect(refused).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'rate_limit_error' });
    expect(Number(refused.headers?.get('retry-after'))).toBeGreaterThan(0);

    const other = await v1Client({ apiKey: OTHER_TOKEN }).chat.completions.create(request);
    expect(other.choices[0]?.message.content).toBeTruthy();
    const anonymous = await v1Client().chat.completions.create(request);
    expect(anonymous.choices[0]?.message.content).toBeTruthy();
  });

  it('holds a run on the server keys to the server caps, naming max_tokens', async () => {
    const error = await apiErrorOf(
      v1Client({ apiKey: TOKEN }).chat.completions.create({ model: 'moa-lite', messages: ask, max_tokens: 4000 }),
    );
    expect(error).toMatchObject({ status: 400, param: 'max_tokens' });
    expect(error.message).toMatch(/max_tokens: 4000 tokens: more than the 1024 allowed/);
  });
});

describe('POST /v1/chat/completions with the AI SDK’s openai-compatible provider', () => {
  it('streams the answer and its usage through streamText, as any AI SDK app would call it', async () => {
    const { v1Fetch } = await import('../support/v1-route');
    const studio = createOpenAICompatible({ name: 'moa-studio', baseURL: 'http://localhost/v1', apiKey: TOKEN, includeUsage: true, fetch: v1Fetch });
    const result = streamText({ model: studio('simulated'), prompt: 'Why is the sky blue?', seed: 42, maxRetries: 0 });
    const whole = await v1Client().chat.completions.create({ model: 'simulated', messages: ask, seed: 42 });
    expect(await result.text).toBe(whole.choices[0]?.message.content);
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(whole.usage?.prompt_tokens);
    expect(usage.outputTokens).toBe(whole.usage?.completion_tokens);
  });
});

describe('/v1 with odd requests', () => {
  it('answers an endpoint it does not have with OpenAI’s 404', async () => {
    const error = await apiErrorOf(v1Client().embeddings.create({ model: 'moa', input: 'sky' }));
    expect(error).toMatchObject({ status: 404, code: 'unknown_url', type: 'invalid_request_error' });
  });

  it('lists models whatever the key headers hold, never failing and never echoing them', async () => {
    const { v1Fetch } = await import('../support/v1-route');
    const values = ['', 'Bearer', 'Bearer ', `Bearer ${'x'.repeat(8_000)}`, 'Bearer a b', 'Bearer \u00e9t\u00e9', `Basic ${TOKEN}`, `Bearer ${TOKEN} trailing`, 'Bearer __proto__'];
    for (const value of values) {
      const response = await v1Fetch('http://localhost/v1/models', { headers: { authorization: value, 'x-moa-key-together': value } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(JSON.parse(text).object).toBe('list');
      if (value.length > 8) expect(text).not.toContain(value.slice(7));
    }
  });
});

describe('/v1 and browsers', () => {
  it('answers a preflight with CORS for bearer tokens, and every answer with the origin allowed', async () => {
    const { v1Fetch } = await import('../support/v1-route');
    const preflight = await v1Fetch('http://localhost/v1/chat/completions', { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await postChat({ model: 'simulated', messages: ask });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await postChat({ model: 'nope', messages: ask });
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});
