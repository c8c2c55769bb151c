import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { expect, test } from '@playwright/test';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { createMoaModel } from '@/lib/moa-model/create-moa-model';
import { chatCompletionChunkSchema } from '@/lib/openai/chat-response';
import { setBehaviors, waitForIdle, waitForRequests } from '../support/openai-control';
import { appUrl, E2E_API_TOKEN, openaiBaseUrl, serverLog } from './environment';

/**
 * The OpenAI-compatible API of the production server (`next start`), called the way other software calls it: the
 * official `openai` package, and the AI SDK's `@ai-sdk/openai-compatible` provider. Proposers on the server's keys
 * are models of the local OpenAI-compatible test server (global setup points the Together provider at it).
 */

const ask = [{ role: 'user' as const, content: 'Why is the sky blue?' }];
const client = (apiKey = E2E_API_TOKEN) => new OpenAI({ baseURL: appUrl('/v1'), apiKey, maxRetries: 0 });

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

test('the openai package gets a whole answer with the usage of every call', async () => {
  const completion = await client().chat.completions.create({ model: 'moa-lite', messages: ask });
  expect(completion.object).toBe('chat.completion');
  expect(completion.choices[0]?.message.content).toBeTruthy();
  const usage = completion.usage as OpenAI.CompletionUsage & { moa: any };
  expect(usage.moa.summary).toMatchObject({ status: 'done', agents: { total: 7, done: 7 } });
  expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  expect(usage.prompt_tokens).toBe(usage.moa.summary.usage.inputTokens);
});

test('the openai package streams the answer in chunks that parse, with usage when asked for', async () => {
  const stream = await client().chat.completions.create({
    model: 'simulated',
    messages: ask,
    stream: true,
    stream_options: { include_usage: true },
  });
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  expect(chunks.every((chunk) => chatCompletionChunkSchema.safeParse(chunk).success)).toBe(true);
  expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toMatch(/simulat/i);
  expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
});

test('the raw stream carries the headers that keep proxies from buffering, and ends with [DONE]', async () => {
  const response = await fetch(appUrl('/v1/chat/completions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_API_TOKEN}` },
    body: JSON.stringify({ model: 'simulated', messages: ask, stream: true }),
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  expect(response.headers.get('cache-control')).toContain('no-transform');
  expect(response.headers.get('x-accel-buffering')).toBe('no');
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const text = await response.text();
  expect(text.trim().split('\n\n').at(-1)).toBe('data: [DONE]');
});

test('the openai package gets APIErrors with OpenAI’s status, code and param', async () => {
  const missing = await apiError(client().chat.completions.create({ model: 'no-such-moa', messages: ask }));
  expect(missing).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
  const tools = await apiError(
    client().chat.completions.create({ model: 'simulated', messages: ask, tools: [{ type: 'function', function: { name: 'f' } }] }),
  );
  expect(tools).toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'tools', type: 'invalid_request_error' });
  const anonymous = await apiError(client('sk-anything').chat.completions.create({ model: 'moa-lite', messages: ask }));
  expect(anonymous).toMatchObject({ status: 404, code: 'model_not_found' });
  expect(JSON.stringify(anonymous.error)).not.toContain(E2E_API_TOKEN);
});

test('aborting an openai stream closes every upstream request, and the server logs no error', async () => {
  const namespace = `v1-e2e-${crypto.randomUUID().slice(0, 8)}`;
  await setBehaviors(openaiBaseUrl(), { [`${namespace}/a`]: { hang: true }, [`${namespace}/b`]: { hang: true } });
  const logBefore = serverLog().length;
  const controller = new AbortController();
  const model = (name: string) => ({ model: `together:${namespace}/${name}` });
  const stream = await client().chat.completions.create(
    { model: 'moa', messages: ask, stream: true, moa: { config: { layers: [{ agents: [model('a'), model('b')] }], aggregator: model('c') } } } as OpenAI.ChatCompletionCreateParamsStreaming,
    // The test server's models are outside the catalog: the caller's own key runs them.
    { signal: controller.signal, headers: { 'x-moa-key-together': 'sk-e2e-caller-key' } },
  );
  const iterator = stream[Symbol.asyncIterator]();
  expect((await iterator.next()).value?.choices[0]?.delta.role).toBe('assistant');
  await waitForRequests(openaiBaseUrl(), namespace, 2);
  controller.abort();
  await iterator.next().catch(() => undefined);
  expect(await waitForIdle(openaiBaseUrl(), namespace, { minStarted: 2 })).toMatchObject({ started: 2, clientClosed: 2, open: 0 });
  await fetch(appUrl('/v1/models'));
  expect(serverLog().slice(logBefore)).not.toMatch(/uncaught|unhandled|Error:/i);
});

test('@ai-sdk/openai-compatible pointed at /v1 streams a MoA like any model', async () => {
  const studio = createOpenAICompatible({ name: 'moa-studio', baseURL: appUrl('/v1'), apiKey: E2E_API_TOKEN, includeUsage: true });
  const result = streamText({ model: studio('simulated'), prompt: 'Why is the sky blue?', maxRetries: 0 });
  expect(await result.text).toMatch(/simulat/i);
  const usage = await result.usage;
  expect(usage.inputTokens).toBeGreaterThan(0);
  expect(usage.outputTokens).toBeGreaterThan(0);
});

test('a MoA whose agents are MoA Studio itself, each a whole MoA run, through @ai-sdk/openai-compatible', async () => {
  const studio = createOpenAICompatible({ name: 'moa-studio', baseURL: appUrl('/v1'), apiKey: E2E_API_TOKEN, includeUsage: true });
  // The outer MoA runs here; each of its agents is a call to /v1: MoA-Lite (six proposers on the test server and
  // their aggregator) and the simulated MoA as proposers, the simulated MoA again as the aggregator.
  const outer = createMoaModel({
    config: {
      layers: [{ agents: [{ model: 'studio:moa-lite' }, { model: 'studio:simulated' }] }],
      aggregator: { model: 'studio:simulated' },
      maxRetries: 0,
    },
    getModel: (modelId) => ({
      model: studio(modelId.replace('studio:', '')),
      info: { id: modelId, displayName: modelId, provider: 'MoA Studio', simulated: false, inputPricePerMillion: 0, outputPricePerMillion: 0 },
    }),
  });
  const { text, usage, providerMetadata } = await generateText({ model: outer, prompt: 'Why is the sky blue?', maxRetries: 0 });
  expect(text).toMatch(/simulat/i);
  const run = providerMetadata?.moa as { summary: any; agents: any[] };
  expect(run.summary.agents).toMatchObject({ total: 3, done: 3 });
  // Each agent's usage is what its inner run counted over all of its own calls.
  expect(run.agents.every((agent) => agent.usage.inputTokens > 0 && agent.usage.outputTokens > 0)).toBe(true);
  expect(usage.inputTokens).toBe(run.agents.reduce((sum, agent) => sum + agent.usage.inputTokens, 0));
});
