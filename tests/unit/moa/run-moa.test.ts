import { APICallError } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { MoaEvent } from '@/lib/moa/events';
import type { GetModel } from '@/lib/moa/model-handle';
import { AGGREGATE_AND_SYNTHESIZE_PROMPT } from '@/lib/moa/prompt';
import { runMoA } from '@/lib/moa/run-moa';
import type { AgentPart } from '@/lib/protocol/run-parts';
import { ManualClock } from '../../support/manual-clock';
import {
  answerParts,
  failingModel,
  handle,
  hangingModel,
  instantSimulatorModels,
  recordingModels,
  systemText,
  withOverrides,
} from '../../support/test-models';

import { agents, collect, config, question } from '../../support/engine-fixtures';

function finalAgents(events: MoaEvent[]): Map<string, AgentPart> {
  const byId = new Map<string, AgentPart>();
  for (const event of events) {
    if (event.type === 'agent-end' || event.type === 'agent-error') byId.set(event.agent.id, event.agent);
  }
  return byId;
}

describe('runMoA', () => {
  it('gives layer 2 and the aggregator the previous layer’s answers, numbered from 1, in the system prompt', async () => {
    const { getModel, calls } = recordingModels((modelId) => `answer of ${modelId}`);
    const outcome = await runMoA({
      config: config({ layers: [agents('t:a', 't:b'), agents('t:c', 't:d')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent: () => undefined,
    });

    expect(outcome.status).toBe('done');
    const byModel = (modelId: string) => calls.find((call) => call.modelId === modelId)?.options;
    expect(systemText(byModel('t:a')!)).toBeUndefined();
    expect(systemText(byModel('t:c')!)).toBe(
      `${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. answer of t:a\n2. answer of t:b`,
    );
    expect(systemText(byModel('t:z')!)).toBe(
      `${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. answer of t:c\n2. answer of t:d`,
    );
    expect(outcome.status === 'done' && outcome.answer).toBe('answer of t:z');
  });

  it('passes a multi-turn conversation unchanged and puts the user system prompt before the references', async () => {
    const { getModel, calls } = recordingModels((modelId) => `from ${modelId}`);
    await runMoA({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' } }),
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'user', content: 'Why is the sky blue?' },
      ],
      getModel,
      onEvent: () => undefined,
    });

    const aggregatorPrompt = calls.find((call) => call.modelId === 't:z')!.options.prompt;
    expect(systemText(calls[0]!.options)).toBe('Answer in French.');
    expect(aggregatorPrompt[0]).toEqual({
      role: 'system',
      content: `Answer in French.\n\n${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. from t:a`,
    });
    expect(aggregatorPrompt.slice(1).map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('drops a failed proposer and numbers the rest from 1', async () => {
    const recording = recordingModels((modelId) => `answer of ${modelId}`);
    const getModel = withOverrides(recording.getModel, { 't:broken': handle('t:broken', failingModel(400)) });
    const { events, onEvent } = collect();
    const outcome = await runMoA({
      config: config({ layers: [agents('t:broken', 't:a', 't:b')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent,
    });

    expect(outcome.status).toBe('done');
    expect(finalAgents(events).get('L1.1')).toMatchObject({ status: 'failed', error: { code: 'bad_request', statusCode: 400 } });
    const aggregatorCall = recording.calls.find((call) => call.modelId === 't:z')!;
    expect(systemText(aggregatorCall.options)).toBe(
      `${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. answer of t:a\n2. answer of t:b`,
    );
  });

  it('ends the run with no_responses when every agent of a layer fails', async () => {
    const getModel: GetModel = (modelId) => handle(modelId, failingModel(401));
    const { events, onEvent } = collect();
    const outcome = await runMoA({
      config: config({ layers: [agents('t:a', 't:b')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent,
    });

    expect(outcome).toMatchObject({ status: 'error', error: { code: 'no_responses' } });
    expect(events.at(-1)).toMatchObject({ type: 'run-error', error: { code: 'no_responses' } });
    expect(events.some((event) => event.type === 'agent-start' && event.agent.role === 'aggregator')).toBe(false);
  });

  it('retries a 429 after the delay its Retry-After header asks for', async () => {
    let calls = 0;
    const flaky = new MockLanguageModelV4({
      doStream: async () => {
        calls += 1;
        if (calls === 1) {
          throw new APICallError({
            message: 'Too many requests',
            url: 'http://provider.test',
            requestBodyValues: {},
            statusCode: 429,
            responseHeaders: { 'retry-after': '2' },
          });
        }
        return { stream: convertArrayToReadableStream(answerParts('fine now')) };
      },
    });
    const clock = new ManualClock();
    const { events, onEvent } = collect();
    const running = runMoA({
      config: config({ layers: [agents('t:flaky')], aggregator: { model: 't:flaky' } }),
      messages: question,
      getModel: () => handle('t:flaky', flaky),
      onEvent,
      clock,
    });
    await until(() => events.some((event) => event.type === 'agent-retry'));
    expect(events.find((event) => event.type === 'agent-retry')).toMatchObject({
      agentId: 'L1.1',
      attempt: 2,
      delayMs: 2000,
      error: { code: 'rate_limited', statusCode: 429 },
    });
    clock.advance(2000);
    const outcome = await running;

    expect(outcome.status).toBe('done');
    expect(finalAgents(events).get('L1.1')).toMatchObject({ status: 'done', attempt: 2, text: 'fine now' });
  });

  it('does not retry a 400, which would fail the same way again', async () => {
    const broken = failingModel(400);
    const { events, onEvent } = collect();
    await runMoA({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:a' } }),
      messages: question,
      getModel: () => handle('t:a', broken),
      onEvent,
    });
    expect(events.filter((event) => event.type === 'agent-retry' && event.agentId === 'L1.1')).toHaveLength(0);
    expect(broken.doStreamCalls.length).toBe(1);
  });

  it('aborts the call of an attempt that failed on an error part, so the provider stops streaming', async () => {
    const signals: AbortSignal[] = [];
    const malformed = new MockLanguageModelV4({
      doStream: async (options) => {
        if (options.abortSignal) signals.push(options.abortSignal);
        // An error part mid-answer, then the provider carries on: the stream stays open until the call is aborted.
        return {
          stream: new ReadableStream({
            start(controller) {
              controller.enqueue({ type: 'stream-start', warnings: [] });
              controller.enqueue({ type: 'text-start', id: 'txt-0' });
              controller.enqueue({ type: 'text-delta', id: 'txt-0', delta: 'half ' });
              controller.enqueue({ type: 'error', error: new Error('JSON parsing failed') });
              options.abortSignal?.addEventListener('abort', () => controller.error(options.abortSignal?.reason), {
                once: true,
              });
            },
          }),
        };
      },
    });
    const outcome = await runMoA({
      config: config({ layers: [agents('simulator:a', 't:malformed')], aggregator: { model: 'simulator:z' }, maxRetries: 0 }),
      messages: question,
      getModel: withOverrides(instantSimulatorModels(), { 't:malformed': handle('t:malformed', malformed) }),
      onEvent: () => undefined,
    });

    expect(outcome.status).toBe('done');
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('retries the aggregator once after any failure, then fails the run with aggregator_failed', async () => {
    const recording = recordingModels(() => 'proposal');
    const brokenAggregator = new MockLanguageModelV4({
      doStream: async () => ({
        stream: convertArrayToReadableStream([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 'txt-0' },
          { type: 'text-delta', id: 'txt-0', delta: 'half an ans' },
          { type: 'error', error: new Error('stream cut') },
        ]),
      }),
    });
    const { events, onEvent } = collect();
    const outcome = await runMoA({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:agg' }, maxRetries: 0 }),
      messages: question,
      getModel: withOverrides(recording.getModel, { 't:agg': handle('t:agg', brokenAggregator) }),
      onEvent,
      retryDelays: { baseMs: 0, maxMs: 0 },
    });

    expect(brokenAggregator.doStreamCalls.length).toBe(2);
    expect(outcome).toMatchObject({
      status: 'error',
      error: { code: 'aggregator_failed', message: 'The aggregator failed after a retry: stream cut' },
    });
    expect(events.filter((event) => event.type === 'agent-retry')).toHaveLength(1);
  });

  it('gives a timed-out aggregator a fresh time limit for its one retry', async () => {
    const hanging = hangingModel();
    const clock = new ManualClock();
    const running = runMoA({
      config: config({ layers: [agents('simulator:a')], aggregator: { model: 't:slow' }, agentTimeoutMs: 10_000, maxRetries: 0 }),
      messages: question,
      getModel: withOverrides(instantSimulatorModels(), { 't:slow': handle('t:slow', hanging.model) }),
      onEvent: () => undefined,
      clock,
      retryDelays: { baseMs: 0, maxMs: 0 },
    });
    await until(() => hanging.signals.length === 1);
    clock.advance(10_000);
    await until(() => {
      clock.advance(0);
      return hanging.signals.length === 2;
    });
    expect(hanging.signals[0]?.aborted).toBe(true);
    clock.advance(9_999);
    expect(hanging.signals[1]?.aborted).toBe(false);
    clock.advance(1);

    expect(await running).toMatchObject({
      status: 'error',
      error: {
        code: 'aggregator_failed',
        message: 'The aggregator failed after a retry: Timed out: the agent did not finish within its time limit.',
      },
    });
    expect(hanging.signals).toHaveLength(2);
  });

  it('answers when the aggregator’s retry succeeds', async () => {
    const recording = recordingModels(() => 'proposal');
    let attempts = 0;
    const aggregator = new MockLanguageModelV4({
      doStream: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('socket hang up');
        return { stream: convertArrayToReadableStream(answerParts('the final answer')) };
      },
    });
    const outcome = await runMoA({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:agg' }, maxRetries: 0 }),
      messages: question,
      getModel: withOverrides(recording.getModel, { 't:agg': handle('t:agg', aggregator) }),
      onEvent: () => undefined,
      retryDelays: { baseMs: 0, maxMs: 0 },
    });
    expect(outcome).toMatchObject({ status: 'done', answer: 'the final answer' });
  });

  it('cuts stragglers once minResponses agents answered and the layer deadline passed, marking them cut', async () => {
    const hanging = hangingModel();
    const getModel = withOverrides(instantSimulatorModels(), { 't:slow': handle('t:slow', hanging.model) });
    const clock = new ManualClock();
    const { events, onEvent } = collect();
    const running = runMoA({
      config: config({
        layers: [agents('simulator:a', 'simulator:b', 't:slow')],
        aggregator: { model: 'simulator:z' },
        straggler: { minResponses: 2, layerDeadlineMs: 5_000 },
      }),
      messages: question,
      getModel,
      onEvent,
      clock,
    });
    await until(() => finalAgents(events).size === 2);
    expect(events.some((event) => event.type === 'layer-end')).toBe(false);
    clock.advance(5_000);
    const outcome = await running;

    expect(outcome.status).toBe('done');
    expect(finalAgents(events).get('L1.3')).toMatchObject({ status: 'cut', error: { code: 'cut' } });
    expect(hanging.signals[0]?.aborted).toBe(true);
    expect(events.find((event) => event.type === 'layer-end')).toMatchObject({ layer: { succeeded: 2, cut: 1, failed: 0 } });
  });

  it('waits past the deadline until minResponses agents have answered', async () => {
    const clock = new ManualClock();
    const { events, onEvent } = collect();
    const outcome = await runMoA({
      config: config({
        layers: [agents('simulator:a', 'simulator:b')],
        aggregator: { model: 'simulator:z' },
        straggler: { minResponses: 2, layerDeadlineMs: 0 },
      }),
      messages: question,
      getModel: instantSimulatorModels(),
      onEvent,
      clock,
    });
    expect(outcome.status).toBe('done');
    expect([...finalAgents(events).values()].filter((agent) => agent.status === 'cut')).toHaveLength(0);
  });

  it('fails an agent that outlives its timeout and goes on without it', async () => {
    const hanging = hangingModel();
    const getModel = withOverrides(instantSimulatorModels(), { 't:slow': handle('t:slow', hanging.model) });
    const clock = new ManualClock();
    const { events, onEvent } = collect();
    const running = runMoA({
      config: config({ layers: [agents('simulator:a', 't:slow')], aggregator: { model: 'simulator:z' }, agentTimeoutMs: 10_000 }),
      messages: question,
      getModel,
      onEvent,
      clock,
    });
    await until(() => hanging.signals.length === 1 && finalAgents(events).size === 1);
    clock.advance(10_000);
    const outcome = await running;

    expect(outcome.status).toBe('done');
    expect(finalAgents(events).get('L1.2')).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
  });

  it('stops every model call when the run is aborted', async () => {
    const first = hangingModel();
    const second = hangingModel();
    const controller = new AbortController();
    const { events, onEvent } = collect();
    const running = runMoA({
      config: config({ layers: [agents('t:one', 't:two')], aggregator: { model: 't:one' } }),
      messages: question,
      getModel: (modelId) => handle(modelId, modelId === 't:one' ? first.model : second.model),
      onEvent,
      signal: controller.signal,
    });
    await until(() => first.signals.length === 1 && second.signals.length === 1);
    controller.abort();
    const outcome = await running;

    expect(outcome).toMatchObject({ status: 'aborted', error: { code: 'aborted' } });
    expect(first.signals[0]?.aborted && second.signals[0]?.aborted).toBe(true);
    expect([...finalAgents(events).values()].map((agent) => agent.error?.code)).toEqual(['aborted', 'aborted']);
    expect(events.some((event) => event.type === 'agent-start' && event.agent.role === 'aggregator')).toBe(false);
  });

  it('accounts tokens, cost and timings per agent and totals them for the run', async () => {
    const { getModel } = recordingModels(() => 'an answer');
    const { events, onEvent } = collect();
    const outcome = await runMoA({
      config: config({ layers: [agents('t:a', 't:b')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent,
    });

    const agent = finalAgents(events).get('L1.1')!;
    expect(agent.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
    // 10 input tokens at $1/M plus 5 output tokens at $2/M.
    expect(agent.cost).toBeCloseTo(0.00002, 10);
    expect(agent.timings?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(agent.timings?.durationMs).toBeGreaterThanOrEqual(agent.timings?.timeToFirstTokenMs ?? 0);
    expect(outcome.summary.usage).toEqual({ inputTokens: 30, outputTokens: 15 });
    expect(outcome.summary.cost).toBeCloseTo(0.00006, 10);
    expect(outcome.summary.agents).toEqual({ total: 3, done: 3, failed: 0, cut: 0 });
    const slowest = outcome.summary.layers.map((layer) => layer.slowestKeptMs ?? 0);
    expect(outcome.summary.criticalPathMs).toBeCloseTo(slowest[0]! + slowest[1]!, 6);
  });

  it('emits events in order: run, layers in sequence, agents inside their layer', async () => {
    const { events, onEvent } = collect();
    await runMoA({
      config: config({ layers: [agents('simulator:a', 'simulator:b'), agents('simulator:c')], aggregator: { model: 'simulator:z' } }),
      messages: question,
      getModel: instantSimulatorModels(),
      onEvent,
    });

    const outline = events
      .filter((event) => event.type !== 'agent-delta' && event.type !== 'aggregator-delta')
      .map((event) => ('layer' in event && typeof event.layer === 'number' ? `${event.type}:${event.layer}` : event.type));
    expect(outline[0]).toBe('run-start');
    expect(outline.at(-1)).toBe('run-end');
    const layerOrder = events.flatMap((event) =>
      event.type === 'layer-start' ? [`start ${event.layer}`] : event.type === 'layer-end' ? [`end ${event.layer.layer}`] : [],
    );
    expect(layerOrder).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(events.some((event) => event.type === 'aggregator-delta' && event.agentId === 'L3.1')).toBe(true);
  });

  it('samples one model with a different seed per agent, so Self-MoA proposals differ', async () => {
    const { events, onEvent } = collect();
    await runMoA({
      config: config({ layers: [agents('simulator:same', 'simulator:same', 'simulator:same')], aggregator: { model: 'simulator:same' } }),
      messages: question,
      getModel: instantSimulatorModels(),
      onEvent,
      seed: 7,
    });
    const texts = ['L1.1', 'L1.2', 'L1.3'].map((id) => finalAgents(events).get(id)?.text);
    expect(new Set(texts).size).toBe(3);
  });
});

/** Waits for a condition the engine reaches through promise resolution alone (no timers involved). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000; turn += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('condition not reached');
}
