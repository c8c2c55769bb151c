import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { serverModelsOf } from '../support/test-models';
import { POST } from '@/app/api/moa/route';
import { AGGREGATE_AND_SYNTHESIZE_PROMPT } from '@/lib/moa/prompt';
import { getRequests, setBehaviors, waitForIdle, waitForRequests } from '../support/openai-control';
import { answerText, finalAgentParts, readChunks } from '../support/sse';

const baseURL = inject('openaiBaseUrl');
const SERVER_KEY = 'sk-server-test-key';

function post(body: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  return POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: init.signal,
    }),
  );
}

const ask = [{ role: 'user', content: 'Why is the sky blue?' }];

/** A config over the test server, which the `together` provider reaches through TOGETHER_BASE_URL. */
function serverConfig(namespace: string, layers: string[][], aggregator: string) {
  const model = (name: string) => ({ model: `together:${namespace}/${name}`, maxOutputTokens: 64 });
  return {
    layers: layers.map((names) => ({ agents: names.map(model) })),
    aggregator: model(aggregator),
    maxRetries: 1,
  };
}

beforeEach(() => {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('POST /api/moa with the simulator', () => {
  it('streams a whole simulated MoA run when no provider key is set', async () => {
    const response = await post({ messages: ask });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { chunks } = await readChunks(response);

    expect(chunks[0]?.type).toBe('start');
    const run = chunks.find((chunk) => chunk.type === 'data-run')!;
    expect(run.data).toMatchObject({ preset: 'simulated', simulated: true });
    expect(run.data.layers.map((layer: any) => layer.agents.length)).toEqual([6, 6, 1]);
    const agents = finalAgentParts(chunks);
    expect(agents.size).toBe(13);
    expect([...agents.values()].every((agent) => agent.status === 'done')).toBe(true);
    expect(answerText(chunks)).toMatch(/simulat/i);
    expect(answerText(chunks)).toBe(agents.get('L3.1').text);
    const summary = chunks.find((chunk) => chunk.type === 'data-summary')!;
    expect(summary.data).toMatchObject({ status: 'done', agents: { total: 13, done: 13 } });
    expect(chunks.at(-1)?.type).toBe('finish');
  });

  it('sends every agent as queued first, then running, then done, reconciled by id', async () => {
    const { chunks } = await readChunks(await post({ messages: ask, preset: 'simulated' }));
    const statuses = chunks
      .filter((chunk) => chunk.type === 'data-agent' && chunk.id === 'L2.3')
      .map((chunk) => chunk.data.status);
    expect(statuses).toEqual(['queued', 'running', 'done']);
  });

  it('sends proposer tokens as transient deltas and the aggregator’s as the message text', async () => {
    const { chunks } = await readChunks(await post({ messages: ask }));
    const deltas = chunks.filter((chunk) => chunk.type === 'data-agent-delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((chunk) => chunk.transient === true)).toBe(true);
    const l11 = deltas.filter((chunk) => chunk.id === 'L1.1').map((chunk) => chunk.data.delta).join('');
    expect(l11).toBe(finalAgentParts(chunks).get('L1.1').text);
    expect(deltas.some((chunk) => chunk.id === 'L3.1')).toBe(false);
  });

  it('shows a failing simulated agent as failed and still answers', async () => {
    const agent = (model: string) => ({ model });
    const { chunks } = await readChunks(
      await post({
        messages: ask,
        config: {
          layers: [{ agents: [agent('simulator:fails-early'), agent('simulator:qwen-72b')] }],
          aggregator: agent('simulator:qwen-110b'),
          maxRetries: 0,
        },
      }),
    );
    const agents = finalAgentParts(chunks);
    expect(agents.get('L1.1')).toMatchObject({ status: 'failed', error: { code: 'provider_error', statusCode: 503 } });
    expect(chunks.find((chunk) => chunk.type === 'data-summary')?.data.status).toBe('done');
  });
});

describe('POST /api/moa with bad input', () => {
  async function errorOf(response: Response) {
    return { status: response.status, body: await response.json() };
  }

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    expect(await errorOf(await post('{"messages": ['))).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
  });

  it('answers 400 naming the field when messages are missing', async () => {
    expect(await errorOf(await post({ preset: 'simulated' }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'messages' },
    });
  });

  it('answers 400 when the conversation does not end with the user', async () => {
    const result = await errorOf(await post({ messages: [...ask, { role: 'assistant', content: 'Rayleigh.' }] }));
    expect(result).toMatchObject({ status: 400, body: { field: 'messages' } });
    expect(result.body.message).toContain('must end with a user message');
  });

  it('answers 400 for unknown fields rather than ignoring them', async () => {
    expect(await errorOf(await post({ messages: ask, temperature: 2 }))).toMatchObject({ status: 400 });
  });

  it('answers 400 unknown_preset for a preset that does not exist', async () => {
    expect(await errorOf(await post({ messages: ask, preset: 'gpt-9' }))).toMatchObject({
      status: 400,
      body: { code: 'unknown_preset', field: 'preset' },
    });
  });

  it('answers 400 unknown_preset when a preset needs a provider without a key', async () => {
    const result = await errorOf(await post({ messages: ask, preset: 'moa' }));
    expect(result).toMatchObject({ status: 400, body: { code: 'unknown_preset' } });
  });

  it('answers 400 naming the agent whose model cannot be used', async () => {
    const result = await errorOf(
      await post({
        messages: ask,
        config: { layers: [{ agents: [{ model: 'simulator:qwen-72b' }, { model: 'together:x/y' }] }], aggregator: { model: 'simulator:qwen-72b' } },
      }),
    );
    expect(result).toMatchObject({
      status: 400,
      body: { code: 'unknown_model', field: 'config.layers.0.agents.1.model' },
    });
    expect(result.body.message).toContain('TOGETHER_API_KEY');
  });

  it('answers 400 for a config beyond the server caps', async () => {
    const nine = Array.from({ length: 9 }, () => ({ model: 'simulator:qwen-72b' }));
    const result = await errorOf(
      await post({ messages: ask, config: { layers: [{ agents: nine }], aggregator: { model: 'simulator:qwen-72b' } } }),
    );
    expect(result).toMatchObject({ status: 400, body: { field: 'config.layers.0.agents' } });
  });

  it('answers 413 for a body over the size limit', async () => {
    const huge = { messages: [{ role: 'user', content: 'x'.repeat(600 * 1024) }] };
    expect(await errorOf(await post(huge))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const response = await POST(
      new Request('http://localhost/api/moa', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
    );
    expect(response.status).toBe(415);
  });
});

describe('POST /api/moa over a real OpenAI-compatible server', () => {
  let namespace: string;
  beforeEach(() => {
    namespace = crypto.randomUUID();
    vi.stubEnv('SERVER_MODELS', serverModelsOf(namespace, ['a', 'b', 'c', 'z']));
    vi.stubEnv('TOGETHER_API_KEY', SERVER_KEY);
    vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  });

  it('gives layer 2 and the aggregator the exact prompt with the previous answers numbered from 1', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { text: 'Rayleigh scattering.' },
      [`${namespace}/b`]: { text: 'Shorter wavelengths scatter more.' },
      [`${namespace}/c`]: { text: 'Layer two says blue.' },
      [`${namespace}/z`]: { text: 'Final: blue light scatters most.' },
    });
    const { chunks } = await readChunks(
      await post({ messages: ask, config: serverConfig(namespace, [['a', 'b'], ['c']], 'z') }),
    );
    expect(answerText(chunks)).toBe('Final: blue light scatters most.');

    const requests = await getRequests(baseURL, namespace);
    const systemOf = (name: string) =>
      requests.find((request) => request.model === `${namespace}/${name}`)?.messages.find((message) => message.role === 'system')?.content;
    expect(systemOf('a')).toBeUndefined();
    expect(systemOf('c')).toBe(
      `${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. Rayleigh scattering.\n2. Shorter wavelengths scatter more.`,
    );
    expect(systemOf('z')).toBe(`${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. Layer two says blue.`);
  });

  it('leaves a failed proposer out of the next layer’s prompt', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { status: 400 },
      [`${namespace}/b`]: { text: 'Only b answered.' },
      [`${namespace}/z`]: { text: 'Done.' },
    });
    const { chunks } = await readChunks(await post({ messages: ask, config: serverConfig(namespace, [['a', 'b']], 'z') }));
    expect(finalAgentParts(chunks).get('L1.1')).toMatchObject({ status: 'failed', error: { statusCode: 400 } });
    const requests = await getRequests(baseURL, namespace);
    const aggregator = requests.find((request) => request.model === `${namespace}/z`)!;
    expect(aggregator.messages[0]?.content).toBe(`${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. Only b answered.`);
  });

  it('retries a 429 and then uses the answer', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { status: 429, retryAfter: '0', failTimes: 1, text: 'Second time lucky.' },
      [`${namespace}/z`]: { text: 'Done.' },
    });
    const { chunks } = await readChunks(await post({ messages: ask, config: serverConfig(namespace, [['a']], 'z') }));
    expect(finalAgentParts(chunks).get('L1.1')).toMatchObject({ status: 'done', attempt: 2, text: 'Second time lucky.' });
    const attempts = (await getRequests(baseURL, namespace)).filter((request) => request.model === `${namespace}/a`);
    expect(attempts).toHaveLength(2);
  });

  it('sends a bring-your-own key upstream for that request and never echoes it', async () => {
    const byoKey = `sk-byo-${crypto.randomUUID()}`;
    await setBehaviors(baseURL, { [`${namespace}/a`]: { text: 'ok' }, [`${namespace}/z`]: { text: 'ok' } });
    const response = await post(
      { messages: ask, config: serverConfig(namespace, [['a']], 'z') },
      { headers: { 'x-moa-key-together': byoKey } },
    );
    const raw = await response.text();
    expect(raw).not.toContain(byoKey);
    expect(raw).not.toContain(SERVER_KEY);
    const requests = await getRequests(baseURL, namespace);
    expect(requests.map((request) => request.authorization)).toEqual([`Bearer ${byoKey}`, `Bearer ${byoKey}`]);
  });

  it('closes every upstream request when the client disconnects', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { hang: true },
      [`${namespace}/b`]: { hang: true },
      [`${namespace}/c`]: { text: 'a b c d e f g h', tokensPerSecond: 1 },
    });
    const client = new AbortController();
    const response = await post(
      { messages: ask, config: serverConfig(namespace, [['a', 'b', 'c']], 'z') },
      { signal: client.signal },
    );
    await readChunks(response, (chunk) => chunk.type === 'data-agent-delta');
    await waitForRequests(baseURL, namespace, 3);
    client.abort();

    const stats = await waitForIdle(baseURL, namespace, { timeoutMs: 5_000, minStarted: 3 });
    expect(stats).toMatchObject({ started: 3, clientClosed: 3, open: 0 });
  });

  it('closes every upstream request when the response body is cancelled', async () => {
    await setBehaviors(baseURL, { [`${namespace}/a`]: { hang: true }, [`${namespace}/b`]: { hang: true } });
    const response = await post({ messages: ask, config: serverConfig(namespace, [['a', 'b']], 'z') });
    const { reader } = await readChunks(response, (_chunk, all) => all.filter((c) => c.type === 'data-agent' && c.data.status === 'running').length === 2);
    await waitForRequests(baseURL, namespace, 2);
    await reader.cancel();

    const stats = await waitForIdle(baseURL, namespace, { timeoutMs: 5_000, minStarted: 2 });
    expect(stats).toMatchObject({ started: 2, clientClosed: 2, open: 0 });
  });
});
