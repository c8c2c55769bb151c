import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, streamText, type ModelMessage } from 'ai';
import { describe, expect, inject, it } from 'vitest';
import {
  getConnectionStats,
  getRequests,
  setBehaviors,
  waitForIdle,
  waitForRequests,
} from '../support/openai-control';

const baseURL = inject('openaiBaseUrl');
const refusedBaseURL = inject('refusedBaseUrl');
const provider = createOpenAICompatible({ name: 'local', baseURL, apiKey: 'test-key', includeUsage: true });

const question: ModelMessage[] = [{ role: 'user', content: 'What is a mixture of agents?' }];

/** Each test (run once per vitest environment) gets its own namespace on the shared server. */
function freshModelId(name = 'model'): { namespace: string; modelId: string } {
  const namespace = crypto.randomUUID();
  return { namespace, modelId: `${namespace}/${name}` };
}

type StreamOutcome = {
  text: string;
  /** Errors delivered as 'error' stream parts. */
  errors: unknown[];
  /** The error that ended iteration, for failures that stop the stream (such as network errors). */
  thrown: unknown;
  partTypes: string[];
  finish: unknown;
};

/** Drains `result.stream`, optionally reacting to the first text delta; never throws. */
async function drain(
  result: ReturnType<typeof streamText>,
  onFirstTextDelta: () => void = () => {},
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = { text: '', errors: [], thrown: undefined, partTypes: [], finish: undefined };
  try {
    for await (const part of result.stream) {
      outcome.partTypes.push(part.type);
      if (part.type === 'text-delta') {
        if (outcome.text === '') onFirstTextDelta();
        outcome.text += part.text;
      }
      if (part.type === 'error') outcome.errors.push(part.error);
      if (part.type === 'finish') outcome.finish = part;
    }
  } catch (error) {
    outcome.thrown = error;
  }
  return outcome;
}

/**
 * `streamText` with this file's defaults: no retries, and no console logging of the errors
 * the fault tests provoke on purpose (they are collected from the stream instead).
 */
function streamQuietly(options: {
  model: ReturnType<typeof provider>;
  instructions?: string;
  messages?: ModelMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  maxRetries?: number;
  abortSignal?: AbortSignal;
}) {
  return streamText({ messages: question, maxRetries: 0, ...options, onError: () => {} });
}

function words(count: number): string {
  return Array.from({ length: count }, (_, index) => `word${index}`).join(' ');
}

describe('local OpenAI-compatible test server', () => {
  it('streams text through the real provider whole, with usage', async () => {
    const { modelId } = freshModelId();
    const answer = 'Layers of proposers feed an aggregator that writes the final answer.';
    await setBehaviors(baseURL, { [modelId]: { text: answer } });

    const result = streamQuietly({ model: provider(modelId) });
    const outcome = await drain(result);

    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe(answer);
    expect(await result.text).toBe(answer);
    expect(outcome.finish).toMatchObject({
      finishReason: 'stop',
      totalUsage: { inputTokens: 6, outputTokens: 11, totalTokens: 17 },
    });
  });

  it('answers a model without a registered behaviour with deterministic text', async () => {
    const { modelId } = freshModelId('unregistered');

    const result = streamQuietly({ model: provider(modelId) });

    expect(await result.text).toBe(`Answer from ${modelId} to: What is a mixture of agents?`);
  });

  it('records the instructions as the system message, the messages, the settings and the bearer key', async () => {
    const { namespace, modelId } = freshModelId();
    const messages: ModelMessage[] = [
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: 'Second question' },
    ];

    const result = streamQuietly({
      model: provider(modelId),
      instructions: 'Answer in one sentence.',
      messages,
      temperature: 0.25,
      maxOutputTokens: 64,
      maxRetries: 0,
    });
    await result.text;

    const [request, ...others] = await getRequests(baseURL, namespace);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      model: modelId,
      namespace,
      attempt: 1,
      messages: [
        { role: 'system', content: 'Answer in one sentence.' },
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: 'Second question' },
      ],
      temperature: 0.25,
      maxTokens: 64,
      stream: true,
      includeUsage: true,
      authorization: 'Bearer test-key',
    });
  });

  it('returns a 429 with Retry-After as an APICallError with status 429', async () => {
    const { modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { status: 429, retryAfter: '7' } });

    const outcome = await drain(streamQuietly({ model: provider(modelId) }));

    expect(outcome.text).toBe('');
    expect(outcome.errors).toHaveLength(1);
    const [error] = outcome.errors;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true, responseHeaders: { 'retry-after': '7' } });
  });

  it('fails only the first failTimes calls, so the SDK retries through to an answer', async () => {
    const { namespace, modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { status: 503, retryAfter: '0', failTimes: 2, text: 'Recovered.' } });

    const result = streamQuietly({ model: provider(modelId), maxRetries: 2 });

    expect(await result.text).toBe('Recovered.');
    const requests = await getRequests(baseURL, namespace);
    expect(requests.map((request) => request.attempt)).toEqual([1, 2, 3]);
  });

  it('ends every fault after failTimes calls, answering the same text normally from then on', async () => {
    const { modelId } = freshModelId();
    const answer = 'one two three four';
    await setBehaviors(baseURL, { [modelId]: { text: answer, disconnectAfterTokens: 2, failTimes: 1 } });

    const cut = await drain(streamQuietly({ model: provider(modelId) }));
    const whole = await drain(streamQuietly({ model: provider(modelId) }));

    expect(cut.text).toBe('one two ');
    expect(cut.thrown ?? cut.errors[0]).toBeDefined();
    expect(whole).toMatchObject({ text: answer, errors: [], thrown: undefined });
  });

  it('answers again after failTimes empty or hanging calls', async () => {
    const { modelId: emptyOnce } = freshModelId('empty');
    const { namespace, modelId: hangOnce } = freshModelId('hang');
    await setBehaviors(baseURL, {
      [emptyOnce]: { text: 'Now with text.', empty: true, failTimes: 1 },
      [hangOnce]: { text: 'Awake now.', hang: true, failTimes: 1 },
    });

    expect((await drain(streamQuietly({ model: provider(emptyOnce) }))).text).toBe('');
    expect((await drain(streamQuietly({ model: provider(emptyOnce) }))).text).toBe('Now with text.');
    const controller = new AbortController();
    const hanging = drain(streamQuietly({ model: provider(hangOnce), abortSignal: controller.signal }));
    await waitForRequests(baseURL, namespace, 1);
    controller.abort();
    expect((await hanging).text).toBe('');
    expect((await drain(streamQuietly({ model: provider(hangOnce) }))).text).toBe('Awake now.');
  });

  it('stamps each request with the time it arrived, so tests can measure the gap before a retry', async () => {
    const { namespace, modelId } = freshModelId();
    const before = Date.now();

    await streamQuietly({ model: provider(modelId) }).text;
    await streamQuietly({ model: provider(modelId) }).text;

    const [first, second] = await getRequests(baseURL, namespace);
    expect(first!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt);
    expect(second!.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('provides a base URL whose connections are refused, which the provider reports as a retryable error', async () => {
    const refused = createOpenAICompatible({ name: 'refused', baseURL: refusedBaseURL, apiKey: 'test-key' });

    const outcome = await drain(streamQuietly({ model: refused('any/model') }));

    const [error] = outcome.errors;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('sees a client abort after the first text delta as clientClosed, with no connection left open', async () => {
    const { namespace, modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { text: words(200), tokensPerSecond: 50 } });
    const controller = new AbortController();

    const result = streamQuietly({ model: provider(modelId), abortSignal: controller.signal });
    const outcome = await drain(result, () => controller.abort());

    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.text.length).toBeLessThan(words(200).length);
    expect(await waitForIdle(baseURL, namespace, { minStarted: 1 })).toEqual({
      started: 1,
      completed: 0,
      clientClosed: 1,
      serverClosed: 0,
      open: 0,
    });
  });

  it('surfaces a server disconnect mid-stream as an error to the client', async () => {
    const { namespace, modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { text: 'one two three four five', disconnectAfterTokens: 2 } });

    const outcome = await drain(streamQuietly({ model: provider(modelId) }));

    expect(outcome.text).toBe('one two ');
    const error = outcome.thrown ?? outcome.errors[0];
    expect(APICallError.isInstance(error)).toBe(true);
    expect(outcome.finish).toBeUndefined();
    expect(await waitForIdle(baseURL, namespace, { minStarted: 1 })).toMatchObject({ serverClosed: 1, open: 0 });
  });

  it('surfaces a malformed SSE line as an error part while the rest of the answer still streams', async () => {
    const { modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { text: 'alpha beta gamma', malformedAfterTokens: 1 } });

    const outcome = await drain(streamQuietly({ model: provider(modelId) }));

    expect(outcome.text).toBe('alpha beta gamma');
    expect(outcome.errors).toHaveLength(1);
  });

  it('lets a client abort a hanging request, and the server sees the connection closed', async () => {
    const { namespace, modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { hang: true } });
    const controller = new AbortController();

    const result = streamQuietly({ model: provider(modelId), abortSignal: controller.signal });
    const drained = drain(result);
    await waitForRequests(baseURL, namespace, 1);
    expect(await getConnectionStats(baseURL, namespace)).toMatchObject({ started: 1, open: 1 });
    controller.abort();
    const outcome = await drained;

    expect(outcome.text).toBe('');
    expect(await waitForIdle(baseURL, namespace, { minStarted: 1 })).toMatchObject({ clientClosed: 1, open: 0 });
  });

  it('answers an empty completion with no text and a normal finish', async () => {
    const { modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { empty: true } });

    const outcome = await drain(streamQuietly({ model: provider(modelId) }));

    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe('');
    expect(outcome.finish).toMatchObject({ finishReason: 'stop', totalUsage: { outputTokens: 0 } });
  });

  it('answers a non-streaming request with a chat.completion carrying usage', async () => {
    const { namespace, modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: { text: 'A plain answer.' } });

    const result = await generateText({ model: provider(modelId), messages: question, maxRetries: 0 });

    expect(result.text).toBe('A plain answer.');
    expect(result.usage).toMatchObject({ inputTokens: 6, outputTokens: 3 });
    const [request] = await getRequests(baseURL, namespace);
    expect(request).toMatchObject({ stream: false, includeUsage: false });
  });

  it('lists registered models in the OpenAI format', async () => {
    const { modelId } = freshModelId();
    await setBehaviors(baseURL, { [modelId]: {} });

    const response = await fetch(`${baseURL}/models`);
    const body = (await response.json()) as { object: string; data: Array<{ id: string; object: string }> };

    expect(body.object).toBe('list');
    expect(body.data).toContainEqual(expect.objectContaining({ id: modelId, object: 'model' }));
  });

  it('rejects invalid JSON and unknown behaviour fields with 400', async () => {
    const { modelId } = freshModelId();

    const invalid = await fetch(`${baseURL}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    await expect(setBehaviors(baseURL, { [modelId]: { txet: 'typo' } as never })).rejects.toThrow(/Unknown behaviour field txet/);
  });

  it('rejects a body over 5 MB with 413', async () => {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      body: 'x'.repeat(5 * 1024 * 1024 + 1),
    });

    expect(response.status).toBe(413);
  });
});
