import { APICallError } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { Judge, JudgeInput } from '@/lib/moa/comparison-judge';
import type { MoaEvent } from '@/lib/moa/events';
import type { GetModel } from '@/lib/moa/model-handle';
import { AGGREGATE_AND_SYNTHESIZE_PROMPT } from '@/lib/moa/prompt';
import { runComparison } from '@/lib/moa/run-comparison';
import type { AgentPart } from '@/lib/protocol/run-parts';
import { answerParts, failingModel, handle, hangingModel, recordingModels, systemText, withOverrides } from '../../support/test-models';

import { agents, collect, config, question } from '../../support/engine-fixtures';

function finalAgent(events: MoaEvent[], id: string): AgentPart | undefined {
  return events
    .filter((event) => (event.type === 'agent-end' || event.type === 'agent-error') && event.agent.id === id)
    .map((event) => (event as Extract<MoaEvent, { type: 'agent-end' }>).agent)
    .at(-1);
}

const isEnd = (id: string) => (event: MoaEvent) =>
  (event.type === 'agent-end' || event.type === 'agent-error') && event.agent.id === id;

/** A model that answers `text` once `gate` resolves. */
function gatedModel(gate: Promise<void>, text: string) {
  return new MockLanguageModelV4({
    doStream: async () => {
      await gate;
      return { stream: convertArrayToReadableStream(answerParts(text)) };
    },
  });
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A judge that records what it was given and answers `verdict`, or throws `error`. */
function fakeJudge(options: { error?: unknown } = {}) {
  const inputs: JudgeInput[] = [];
  const judge: Judge = {
    model: 'test:judge',
    simulated: false,
    judge: async (input) => {
      inputs.push(input);
      if (options.error) throw options.error;
      return {
        verdict: 'moa',
        reason: 'The judge preferred the MoA answer in both orders.',
        moaScore: 1,
        orders: [
          { moaPosition: 'A', verdict: 'A', preferred: 'moa', reason: 'a' },
          { moaPosition: 'B', verdict: 'B', preferred: 'moa', reason: 'b' },
        ],
        judgeModel: 'test:judge',
        simulated: false,
      };
    },
  };
  return { judge, inputs };
}

describe('runComparison', () => {
  it('announces the baseline in run-start, before any of its events, and runs it to done beside the MoA', async () => {
    const { getModel } = recordingModels((modelId) => `answer of ${modelId}`);
    const { events, onEvent } = collect();
    const outcome = await runComparison({
      config: config({ layers: [agents('t:a', 't:b')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent,
      baseline: { model: 't:solo' },
    });

    expect(events[0]).toMatchObject({
      type: 'run-start',
      baseline: { id: 'baseline', layer: 1, role: 'baseline', model: 't:solo', displayName: 'Model t:solo' },
    });
    expect(events.filter((event) => event.type === 'run-start')).toHaveLength(1);
    const run = events[0] as Extract<MoaEvent, { type: 'run-start' }>;
    expect(run.layers.flatMap((layer) => layer.agents.map((agent) => agent.id))).toEqual(['L1.1', 'L1.2', 'L2.1']);
    expect(outcome.moa.status).toBe('done');
    expect(outcome.baseline).toMatchObject({ id: 'baseline', role: 'baseline', status: 'done', text: 'answer of t:solo' });
    expect(finalAgent(events, 'baseline')).toEqual(outcome.baseline);
    expect(outcome.baseline.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
    expect(outcome.baseline.cost).toBeGreaterThan(0);
    expect(outcome.baseline.timings?.timeToFirstTokenMs).toBeDefined();
    expect(events.some((event) => event.type === 'agent-delta' && event.agentId === 'baseline')).toBe(true);
  });

  it('gives the baseline the conversation and its system prompt only, with the aggregator’s sampling', async () => {
    const { getModel, calls } = recordingModels((modelId) => `answer of ${modelId}`);
    await runComparison({
      config: config({
        layers: [agents('t:a')],
        aggregator: { model: 't:z', temperature: 0.3, maxOutputTokens: 100, systemPrompt: 'Aggregator only.' },
      }),
      messages: [{ role: 'system', content: 'Be brief.' }, ...question],
      getModel,
      onEvent: () => undefined,
      baseline: { model: 't:solo' },
    });

    const call = calls.find((candidate) => candidate.modelId === 't:solo')!.options;
    expect(systemText(call)).toBe('Be brief.');
    expect(systemText(call)).not.toContain(AGGREGATE_AND_SYNTHESIZE_PROMPT);
    expect(call.prompt.slice(1)).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Why is the sky blue?' }] }]);
    expect(call).toMatchObject({ temperature: 0.3, maxOutputTokens: 100 });
  });

  it('runs the baseline concurrently: a MoA that waits for the baseline to finish still ends', async () => {
    const baselineDone = deferred();
    const recording = recordingModels((modelId) => `answer of ${modelId}`);
    const getModel = withOverrides(recording.getModel, {
      't:a': handle('t:a', gatedModel(baselineDone.promise, 'late proposer')),
    });
    const { events, onEvent } = collect();
    const outcome = await runComparison({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent: (event) => {
        onEvent(event);
        if (isEnd('baseline')(event)) baselineDone.resolve();
      },
      baseline: { model: 't:solo' },
    });

    expect(outcome.moa.status).toBe('done');
    expect(events.findIndex(isEnd('baseline'))).toBeLessThan(events.findIndex(isEnd('L1.1')));
  });

  it('lets a failing baseline fail alone while the MoA answers', async () => {
    const recording = recordingModels((modelId) => `answer of ${modelId}`);
    const getModel = withOverrides(recording.getModel, { 't:broken': handle('t:broken', failingModel(400)) });
    const { events, onEvent } = collect();
    const outcome = await runComparison({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' }, maxRetries: 0 }),
      messages: question,
      getModel,
      onEvent,
      baseline: { model: 't:broken' },
    });

    expect(outcome.moa).toMatchObject({ status: 'done', answer: 'answer of t:z' });
    expect(outcome.baseline).toMatchObject({ status: 'failed', error: { code: 'bad_request', statusCode: 400 } });
    expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);
  });

  it('lets the baseline finish after the MoA has already failed', async () => {
    const moaFailed = deferred();
    const recording = recordingModels((modelId) => `answer of ${modelId}`);
    const getModel = withOverrides(recording.getModel, {
      't:broken': handle('t:broken', failingModel(401)),
      't:solo': handle('t:solo', gatedModel(moaFailed.promise, 'the single answer')),
    });
    const { events, onEvent } = collect();
    const outcome = await runComparison({
      config: config({ layers: [agents('t:broken', 't:broken')], aggregator: { model: 't:z' }, maxRetries: 0 }),
      messages: question,
      getModel,
      onEvent: (event) => {
        onEvent(event);
        if (event.type === 'run-error') moaFailed.resolve();
      },
      baseline: { model: 't:solo' },
    });

    expect(outcome.moa).toMatchObject({ status: 'error', error: { code: 'no_responses' } });
    expect(outcome.baseline).toMatchObject({ status: 'done', text: 'the single answer' });
    expect(events.findIndex((event) => event.type === 'run-error')).toBeLessThan(events.findIndex(isEnd('baseline')));
  });

  it('stops both the MoA and the baseline when the run’s signal aborts', async () => {
    const proposersCalled = deferred();
    const singleCalled = deferred();
    const proposer = hangingModel((count) => count === 2 && proposersCalled.resolve());
    const single = hangingModel(() => singleCalled.resolve());
    const getModel: GetModel = (modelId) => handle(modelId, modelId === 't:solo' ? single.model : proposer.model);
    const stop = new AbortController();
    const { events, onEvent } = collect();
    const { judge, inputs } = fakeJudge();
    const running = runComparison({
      config: config({ layers: [agents('t:a', 't:b')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent,
      signal: stop.signal,
      baseline: { model: 't:solo' },
      judge,
    });
    await Promise.all([proposersCalled.promise, singleCalled.promise]);
    stop.abort(new DOMException('The client went away.', 'AbortError'));
    const outcome = await running;

    expect(outcome.moa.status).toBe('aborted');
    expect(outcome.baseline).toMatchObject({ status: 'failed', error: { code: 'aborted' } });
    expect([...proposer.signals, ...single.signals].every((signal) => signal.aborted)).toBe(true);
    expect(single.signals).toHaveLength(1);
    expect(inputs).toHaveLength(0);
    expect(events.some((event) => event.type === 'judge-start' || event.type === 'judge-end')).toBe(false);
  });

  it('asks the judge about the last question and both answers once both are in', async () => {
    const { getModel } = recordingModels((modelId) => `answer of ${modelId}`);
    const { events, onEvent } = collect();
    const { judge, inputs } = fakeJudge();
    const outcome = await runComparison({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' } }),
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Why is the sky blue?' },
      ],
      getModel,
      onEvent,
      baseline: { model: 't:solo' },
      judge,
    });

    expect(inputs).toEqual([
      { question: 'Why is the sky blue?', moaAnswer: 'answer of t:z', baselineAnswer: 'answer of t:solo' },
    ]);
    const judgeEvents = events.filter((event) => event.type === 'judge-start' || event.type === 'judge-end');
    expect(judgeEvents).toEqual([
      { type: 'judge-start', judge: { status: 'running', judgeModel: 'test:judge', simulated: false } },
      { type: 'judge-end', judge: expect.objectContaining({ status: 'done', verdict: 'moa', moaScore: 1 }) },
    ]);
    expect(events.at(-1)?.type).toBe('judge-end');
    expect(outcome.judge).toMatchObject({ status: 'done', verdict: 'moa' });
    expect(outcome.judge?.orders).toHaveLength(2);
  });

  it('hands both sides’ outcomes to onSidesEnded once both have ended, and waits for it before the judge', async () => {
    const { getModel } = recordingModels((modelId) => `answer of ${modelId}`);
    const { events, onEvent } = collect();
    const { judge } = fakeJudge();
    const order: string[] = [];
    await runComparison({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent: (event) => {
        onEvent(event);
        if (event.type === 'judge-start') order.push('judge-start');
      },
      baseline: { model: 't:solo' },
      judge,
      onSidesEnded: async ({ moa, baseline }) => {
        // Both ended: the MoA's run-end and the baseline's final event are already out.
        expect(events.some((event) => event.type === 'run-end')).toBe(true);
        expect(events.some((event) => event.type === 'agent-end' && event.agent.id === 'baseline')).toBe(true);
        expect(moa).toMatchObject({ status: 'done', answer: 'answer of t:z' });
        expect(baseline).toMatchObject({ status: 'done', text: 'answer of t:solo' });
        await new Promise((resolve) => setTimeout(resolve, 0));
        order.push('sides-ended');
      },
    });
    expect(order).toEqual(['sides-ended', 'judge-start']);
  });

  it('reports a judge that fails as a failed judgment and leaves the run done', async () => {
    const { getModel } = recordingModels((modelId) => `answer of ${modelId}`);
    const { events, onEvent } = collect();
    const { judge } = fakeJudge({
      error: new APICallError({ message: 'Judge is down', url: 'http://judge.test', requestBodyValues: {}, statusCode: 500 }),
    });
    const outcome = await runComparison({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' } }),
      messages: question,
      getModel,
      onEvent,
      baseline: { model: 't:solo' },
      judge,
    });

    expect(outcome.moa.status).toBe('done');
    expect(outcome.baseline.status).toBe('done');
    expect(events.at(-1)).toEqual({
      type: 'judge-end',
      judge: {
        status: 'failed',
        judgeModel: 'test:judge',
        simulated: false,
        error: { code: 'provider_error', statusCode: 500, message: 'Judge is down' },
      },
    });
  });

  it('skips the judge, saying why, when a side has no answer', async () => {
    const recording = recordingModels((modelId) => `answer of ${modelId}`);
    const getModel = withOverrides(recording.getModel, { 't:broken': handle('t:broken', failingModel(400)) });
    const { events, onEvent } = collect();
    const { judge, inputs } = fakeJudge();
    await runComparison({
      config: config({ layers: [agents('t:a')], aggregator: { model: 't:z' }, maxRetries: 0 }),
      messages: question,
      getModel,
      onEvent,
      baseline: { model: 't:broken' },
      judge,
    });

    expect(inputs).toHaveLength(0);
    expect(events.filter((event) => event.type === 'judge-start')).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({
      type: 'judge-end',
      judge: { status: 'skipped', reason: expect.stringContaining('single model did not produce an answer') },
    });
  });
});
