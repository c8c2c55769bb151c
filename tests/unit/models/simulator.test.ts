import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';

import {
  SimulatedFailureError,
  createSimulatedModel,
  defaultSimulatorProfile,
  type SimulatorProfile,
} from '@/lib/models/simulator';
import type { Clock } from '@/lib/moa/clock';

const WALL_TIME = Date.UTC(2026, 0, 2, 3, 4, 5);

/** A clock whose sleeps resolve at once (or reject if already aborted) and record the requested durations. */
function createInstantClock(): { clock: Clock; sleeps: number[] } {
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => 0,
    wallTime: () => WALL_TIME,
    sleep: (milliseconds, signal) => {
      sleeps.push(milliseconds);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
  return { clock, sleeps };
}

/** A clock whose sleeps never resolve by themselves; they only end by rejecting when their signal aborts. */
function createFrozenClock(): Clock {
  return {
    now: () => 0,
    wallTime: () => WALL_TIME,
    sleep: (_milliseconds, signal) =>
      new Promise<void>((_resolve, reject) => {
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
}

function createModel(profile: Partial<SimulatorProfile> = {}, clock: Clock = createInstantClock().clock) {
  return createSimulatedModel({ modelId: 'sim-alpha', displayName: 'Alpha', profile, clock });
}

function callOptions({
  user = 'What is a mixture of agents?',
  system,
  ...rest
}: { user?: string; system?: string } & Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  const prompt: LanguageModelV4CallOptions['prompt'] = [];
  if (system !== undefined) prompt.push({ role: 'system', content: system });
  prompt.push({ role: 'user', content: [{ type: 'text', text: user }] });
  return { prompt, ...rest };
}

async function generatedText(model: LanguageModelV4, options: LanguageModelV4CallOptions): Promise<string> {
  const result = await model.doGenerate(options);
  const [content] = result.content;
  if (content?.type !== 'text') throw new Error('Expected text content.');
  return content.text;
}

async function collectParts(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return parts;
}

async function streamParts(model: LanguageModelV4, options: LanguageModelV4CallOptions) {
  const { stream } = await model.doStream(options);
  return collectParts(stream);
}

function deltasOf(parts: LanguageModelV4StreamPart[]): string[] {
  return parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const threeReferences = [
  'Be helpful.',
  '',
  'You have been provided with a set of responses from various open-source models to the latest user query.',
  '',
  'Responses from models:',
  '1. Agents are combined in layers.',
  '2. Each layer refines the previous answers:',
  '1. a nested list item',
  '2. another nested item',
  '3. The aggregator writes the final answer.',
].join('\n');

describe('createSimulatedModel', () => {
  it('describes itself as a v4 language model of the simulator provider', () => {
    const model = createModel();

    expect(model.specificationVersion).toBe('v4');
    expect(model.provider).toBe('simulator');
    expect(model.modelId).toBe('sim-alpha');
    expect(model.supportedUrls).toEqual({});
  });

  it('returns the same text for the same model id, seed and prompt', async () => {
    const first = await generatedText(createModel(), callOptions({ seed: 7 }));
    const second = await generatedText(createModel(), callOptions({ seed: 7 }));

    expect(second).toBe(first);
  });

  it('returns a different text for a different seed', async () => {
    const texts = await Promise.all(
      [1, 2, 3].map((seed) => generatedText(createModel(), callOptions({ seed }))),
    );

    expect(new Set(texts).size).toBe(3);
  });

  it('returns a different text for a different model id with the same seed', async () => {
    const options = callOptions({ seed: 1 });
    const { clock } = createInstantClock();
    const alpha = await generatedText(createSimulatedModel({ modelId: 'sim-alpha', clock }), options);
    const beta = await generatedText(createSimulatedModel({ modelId: 'sim-beta', clock }), options);

    expect(beta).not.toBe(alpha);
  });

  it('treats a missing seed like seed 0', async () => {
    const withoutSeed = await generatedText(createModel(), callOptions());
    const withSeedZero = await generatedText(createModel(), callOptions({ seed: 0 }));

    expect(withoutSeed).toBe(withSeedZero);
  });

  it('says the answer is simulated and answers the latest user message by its subject', async () => {
    const text = await generatedText(createModel(), callOptions({ user: 'How do tides work?' }));

    expect(text).toMatch(/simulated/i);
    expect(text).toMatch(/\btides\b/i);
  });

  it('names neither the model nor the part it plays, in any answer', async () => {
    // In a blind comparison the single model's answer and the aggregator's must not name who wrote them.
    for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
      for (const system of ['Be concise.', threeReferences]) {
        const text = await generatedText(createModel(), callOptions({ system, seed }));
        expect(text).not.toMatch(/Alpha|sim-alpha|proposer|aggregator|baseline|synthesi|earlier responses|layer|MoA/i);
      }
    }
  });

  it('writes between 60 and 160 words, varying with the seed', async () => {
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_unused, seed) =>
        generatedText(createModel(), callOptions({ seed })).then(wordCount),
      ),
    );

    for (const count of counts) {
      expect(count).toBeGreaterThanOrEqual(60);
      expect(count).toBeLessThanOrEqual(160);
    }
    expect(new Set(counts).size).toBeGreaterThan(3);
  });

  it('streams the same text as doGenerate, one word plus its trailing whitespace per delta', async () => {
    const options = callOptions({ seed: 4 });
    const deltas = deltasOf(await streamParts(createModel(), options));

    expect(deltas.join('')).toBe(await generatedText(createModel(), options));
    for (const delta of deltas) expect(delta).toMatch(/^\S+\s*$/);
  });

  it('streams stream-start, response-metadata, text-start, text deltas, text-end and finish in that order', async () => {
    const parts = await streamParts(createModel(), callOptions());
    const types = parts.map((part) => part.type);
    const deltaCount = deltasOf(parts).length;

    expect(types).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      ...Array.from({ length: deltaCount }, () => 'text-delta'),
      'text-end',
      'finish',
    ]);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts[1]).toMatchObject({
      type: 'response-metadata',
      id: expect.any(String),
      modelId: 'sim-alpha',
      timestamp: new Date(WALL_TIME),
    });
    expect(parts[2]).toEqual({ type: 'text-start', id: 'txt-0' });
    expect(parts.at(-2)).toEqual({ type: 'text-end', id: 'txt-0' });
  });

  it('reports input tokens as a quarter of the prompt characters and output tokens as the number of deltas', async () => {
    const system = 'Be brief.';
    const user = 'Name three rivers.';
    const parts = await streamParts(createModel(), callOptions({ system, user }));
    const finish = parts.at(-1);
    const inputTokens = Math.ceil((system.length + user.length) / 4);
    const outputTokens = deltasOf(parts).length;

    expect(finish).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
      },
    });
  });

  it('stops at maxOutputTokens deltas and finishes with the reason length', async () => {
    const parts = await streamParts(createModel(), callOptions({ maxOutputTokens: 12 }));
    const finish = parts.at(-1);

    expect(deltasOf(parts)).toHaveLength(12);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'length', raw: 'length' },
      usage: { outputTokens: { total: 12 } },
    });
  });

  it('finishes with the reason stop when maxOutputTokens leaves room for the whole answer', async () => {
    const result = await createModel().doGenerate(callOptions({ maxOutputTokens: 1000 }));

    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.warnings).toEqual([]);
  });

  it('waits firstTokenMs on the injected clock before the first delta, then 1000 / tokensPerSecond per delta', async () => {
    const { clock, sleeps } = createInstantClock();
    const model = createModel({ firstTokenMs: 200, tokensPerSecond: 50, jitter: 0 }, clock);
    const deltas = deltasOf(await streamParts(model, callOptions()));

    expect(sleeps[0]).toBe(200);
    expect(sleeps.slice(1)).toEqual(Array.from({ length: deltas.length - 1 }, () => 20));
  });

  it('batches several deltas per clock tick when the interval would be under 4 ms, keeping the average rate', async () => {
    const { clock, sleeps } = createInstantClock();
    const model = createModel({ firstTokenMs: 0, tokensPerSecond: 1000, jitter: 0 }, clock);
    const deltas = deltasOf(await streamParts(model, callOptions()));
    const pacing = sleeps.slice(1);
    const pacedDeltas = deltas.length - 1;

    expect(pacing).toHaveLength(Math.ceil(pacedDeltas / 4));
    expect(pacing.slice(0, -1).every((milliseconds) => milliseconds === 4)).toBe(true);
    expect(pacing.reduce((sum, milliseconds) => sum + milliseconds, 0)).toBeCloseTo(pacedDeltas, 6);
  });

  it('varies delays within the jitter range, the same way for the same seed', async () => {
    const recordSleeps = async () => {
      const { clock, sleeps } = createInstantClock();
      await streamParts(createModel({ firstTokenMs: 100, tokensPerSecond: 10, jitter: 0.5 }, clock), callOptions());
      return sleeps;
    };
    const first = await recordSleeps();
    const second = await recordSleeps();

    expect(second).toEqual(first);
    expect(first[0]).toBeGreaterThanOrEqual(50);
    expect(first[0]).toBeLessThanOrEqual(150);
    for (const milliseconds of first.slice(1)) {
      expect(milliseconds).toBeGreaterThanOrEqual(50);
      expect(milliseconds).toBeLessThanOrEqual(150);
    }
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('waits the first-token delay in doGenerate too', async () => {
    const { clock, sleeps } = createInstantClock();
    await createModel({ firstTokenMs: 300, jitter: 0 }, clock).doGenerate(callOptions());

    expect(sleeps).toEqual([300]);
  });

  it('rejects doStream with a retryable 503 SimulatedFailureError after firstTokenMs for a before-stream failure', async () => {
    const { clock, sleeps } = createInstantClock();
    const model = createModel({ failure: 'before-stream', failureRate: 1, firstTokenMs: 120, jitter: 0 }, clock);
    const error = await model.doStream(callOptions()).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(SimulatedFailureError);
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true, failure: 'before-stream' });
    expect(APICallError.isInstance(error)).toBe(true);
    expect(sleeps).toEqual([120]);
  });

  it('rejects doGenerate with the same failure for a before-stream failure', async () => {
    const model = createModel({ failure: 'before-stream', failureRate: 1 });

    await expect(model.doGenerate(callOptions())).rejects.toBeInstanceOf(SimulatedFailureError);
  });

  it('emits about half the text, then an error part with a non-retryable 502, then closes for a mid-stream failure', async () => {
    const options = callOptions({ seed: 5 });
    const fullDeltas = deltasOf(await streamParts(createModel(), options));
    const parts = await streamParts(createModel({ failure: 'mid-stream', failureRate: 1 }), options);
    const deltas = deltasOf(parts);
    const last = parts.at(-1);

    expect(deltas).toEqual(fullDeltas.slice(0, Math.floor(fullDeltas.length / 2)));
    expect(parts.some((part) => part.type === 'finish' || part.type === 'text-end')).toBe(false);
    expect(last?.type).toBe('error');
    const error = last?.type === 'error' ? last.error : undefined;
    expect(error).toBeInstanceOf(SimulatedFailureError);
    expect(error).toMatchObject({ statusCode: 502, isRetryable: false, failure: 'mid-stream' });
  });

  it('never sends a delta for a hang and errors the stream with the abort reason as soon as the signal fires', async () => {
    const controller = new AbortController();
    const model = createModel({ failure: 'hang', failureRate: 1 });
    const { stream } = await model.doStream(callOptions({ abortSignal: controller.signal }));
    const reader = stream.getReader();

    expect(await reader.read()).toEqual({ done: false, value: { type: 'stream-start', warnings: [] } });
    const pending = reader.read();
    const reason = new Error('user stopped the run');
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('rejects doGenerate for a hang once the signal fires', async () => {
    const controller = new AbortController();
    const model = createModel({ failure: 'hang', failureRate: 1 });
    const pending = model.doGenerate(callOptions({ abortSignal: controller.signal }));
    const reason = new Error('timeout');
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('stops a stream mid-wait with the abort reason and emits no further parts', async () => {
    const controller = new AbortController();
    const model = createModel({}, createFrozenClock());
    const { stream } = await model.doStream(callOptions({ abortSignal: controller.signal }));
    const reader = stream.getReader();

    expect((await reader.read()).value?.type).toBe('stream-start');
    const pending = reader.read();
    const reason = new Error('cancelled');
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it('aborts its pending wait on the clock when the reader cancels the stream', async () => {
    const signals: AbortSignal[] = [];
    const frozenClock = createFrozenClock();
    const clock: Clock = {
      ...frozenClock,
      sleep: (milliseconds, signal) => {
        if (signal) signals.push(signal);
        return frozenClock.sleep(milliseconds, signal);
      },
    };
    const { stream } = await createModel({}, clock).doStream(callOptions());
    const reader = stream.getReader();
    await reader.read();

    expect(signals.map((signal) => signal.aborted)).toEqual([false]);
    await reader.cancel('reader left');
    expect(signals.map((signal) => signal.aborted)).toEqual([true]);
  });

  it('rejects doStream at once when a before-stream wait is aborted', async () => {
    const controller = new AbortController();
    const model = createModel({ failure: 'before-stream', failureRate: 1 }, createFrozenClock());
    const pending = model.doStream(callOptions({ abortSignal: controller.signal }));
    const reason = new Error('gone');
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('decides failures per call from the seed, failing some calls and not others at a rate of one half', async () => {
    const model = createModel({ failure: 'before-stream', failureRate: 0.5 });
    const outcome = (seed: number) =>
      model.doGenerate(callOptions({ seed })).then(
        () => 'ok',
        () => 'failed',
      );
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_unused, seed) => outcome(seed)));
    const repeated = await Promise.all(Array.from({ length: 20 }, (_unused, seed) => outcome(seed)));

    expect(repeated).toEqual(outcomes);
    expect(outcomes).toContain('ok');
    expect(outcomes).toContain('failed');
  });

  it('never fails with a failure rate of zero', async () => {
    const model = createModel({ failure: 'before-stream', failureRate: 0 });

    await expect(model.doGenerate(callOptions())).resolves.toMatchObject({ warnings: [] });
  });

  it('keeps the answer text the same whatever the failure profile', async () => {
    const options = callOptions({ seed: 9 });

    expect(await generatedText(createModel({ failure: 'before-stream', failureRate: 0.3 }), options)).toBe(
      await generatedText(createModel(), options),
    );
  });

  it('rejects a profile with out-of-range values', () => {
    expect(() => createModel({ tokensPerSecond: 0 })).toThrow(RangeError);
    expect(() => createModel({ jitter: 2 })).toThrow(RangeError);
    expect(() => createModel({ failureRate: -0.1 })).toThrow(RangeError);
  });

  it('exports a fast, failure-free default profile', () => {
    expect(defaultSimulatorProfile).toEqual({
      firstTokenMs: 350,
      tokensPerSecond: 90,
      jitter: 0.25,
      failure: 'none',
      failureRate: 0,
    });
  });
});

describe('the simulated model inside the AI SDK', () => {
  it('streams a complete answer through streamText with instructions and a prompt', async () => {
    const result = streamText({
      model: createModel(),
      instructions: threeReferences,
      prompt: 'Summarize the answers.',
      maxRetries: 0,
    });

    const text = await result.text;
    expect(text).toMatch(/simulated/i);
    expect(text).toMatch(/the answers/i);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(wordCount(text));
  });

  it('streams through streamText with messages and passes the seed and maxOutputTokens through', async () => {
    const run = () =>
      streamText({
        model: createModel(),
        messages: [{ role: 'user', content: 'Hello there' }],
        seed: 3,
        maxOutputTokens: 10,
        maxRetries: 0,
      });
    const first = run();
    const second = run();

    expect(wordCount(await first.text)).toBe(10);
    expect(await first.finishReason).toBe('length');
    expect(await second.text).toBe(await first.text);
  });

  it('surfaces a before-stream failure from generateText as the SimulatedFailureError', async () => {
    const pending = generateText({
      model: createModel({ failure: 'before-stream', failureRate: 1 }),
      prompt: 'Hi',
      maxRetries: 0,
    });

    await expect(pending).rejects.toBeInstanceOf(SimulatedFailureError);
  });
});
