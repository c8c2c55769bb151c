import { APICallError } from 'ai';
import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { defaultJudgeModel } from '@/lib/judge/judge-model';
import { SIMULATED_JUDGE_MODEL } from '@/lib/protocol/model-id';
import { JUDGE_INSTRUCTIONS, JUDGE_PROMPT_MARKER } from '@/lib/judge/prompt';
import { createJudge, judgePair } from '@/lib/judge/run-judge';
import { createSimulatedModel } from '@/lib/models/simulator';
import { handle } from '../../support/test-models';

const input = {
  question: 'Why is the sky blue?',
  moaAnswer: 'MOA-ANSWER: Rayleigh scattering of sunlight by air molecules.',
  baselineAnswer: 'BASELINE-ANSWER: Because of the ocean.',
};

function generated(text: string): LanguageModelV4GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 20, text: 20, reasoning: 0 },
    },
    warnings: [],
  };
}

/** A retryable 503 that asks to be retried at once (the SDK would otherwise wait 2 s). */
function overloaded() {
  return new APICallError({
    message: 'overloaded',
    url: 'http://judge.test',
    requestBodyValues: {},
    statusCode: 503,
    responseHeaders: { 'retry-after-ms': '0' },
  });
}

/** The user message of a recorded call. */
function userText(options: LanguageModelV4CallOptions): string {
  const user = options.prompt.find((message) => message.role === 'user');
  return user?.role === 'user' ? user.content.map((part) => (part.type === 'text' ? part.text : '')).join('') : '';
}

function systemOf(options: LanguageModelV4CallOptions): string | undefined {
  const system = options.prompt.find((message) => message.role === 'system');
  return system?.role === 'system' ? system.content : undefined;
}

/** A judge that answers `reply(userText)` and records every call. */
function recordingJudge(reply: (prompt: string) => string) {
  const model = new MockLanguageModelV4({
    modelId: 'judge',
    doGenerate: async (options) => generated(reply(userText(options))),
  });
  return { model, judge: handle('test:judge', model) };
}

/** Where the MoA answer stands in a judge prompt. */
function moaPositionIn(prompt: string): 'A' | 'B' {
  const a = prompt.indexOf('<output_a>');
  const moa = prompt.indexOf('MOA-ANSWER');
  const b = prompt.indexOf('<output_b>');
  return moa > a && moa < b ? 'A' : 'B';
}

describe('judgePair', () => {
  it('asks the judge twice, with the two answers swapped between the calls', async () => {
    const { model, judge } = recordingJudge(() => 'Fine.\nVerdict: tie');
    await judgePair(judge, input);

    expect(model.doGenerateCalls).toHaveLength(2);
    const prompts = model.doGenerateCalls.map(userText);
    expect(prompts.map(moaPositionIn).sort()).toEqual(['A', 'B']);
    for (const prompt of prompts) {
      expect(prompt).toContain('<instruction>\nWhy is the sky blue?\n</instruction>');
      expect(prompt).toContain('BASELINE-ANSWER');
      expect(prompt).toMatch(/Verdict: A\nVerdict: B\nVerdict: tie$/);
    }
    const first = prompts.find((prompt) => moaPositionIn(prompt) === 'A')!;
    expect(first.indexOf('MOA-ANSWER')).toBeLessThan(first.indexOf('BASELINE-ANSWER'));
    const second = prompts.find((prompt) => moaPositionIn(prompt) === 'B')!;
    expect(second.indexOf('BASELINE-ANSWER')).toBeLessThan(second.indexOf('MOA-ANSWER'));
  });

  it('gives the judge its instructions as the system prompt, at temperature 0', async () => {
    const { model, judge } = recordingJudge(() => 'Fine.\nVerdict: tie');
    await judgePair(judge, input, { seed: 7 });
    for (const call of model.doGenerateCalls) {
      expect(systemOf(call)).toBe(JUDGE_INSTRUCTIONS);
      expect(systemOf(call)).toContain(JUDGE_PROMPT_MARKER);
      expect(call.temperature).toBe(0);
      expect(call.seed).toBe(7);
    }
  });

  it('runs both readings at once rather than one after the other', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        started += 1;
        if (started === 2) release();
        await gate;
        return generated('Ok.\nVerdict: tie');
      },
    });
    await expect(judgePair(handle('test:judge', model), input)).resolves.toMatchObject({ verdict: 'tie' });
    expect(started).toBe(2);
  });

  it('finds for the MoA when the judge prefers its answer in both orders', async () => {
    const { judge } = recordingJudge((prompt) => `The MoA text is right.\nVerdict: ${moaPositionIn(prompt)}`);
    const judgment = await judgePair(judge, input);
    expect(judgment).toMatchObject({ verdict: 'moa', moaScore: 1, judgeModel: 'test:judge', simulated: false });
    expect(judgment.orders).toEqual([
      { moaPosition: 'A', verdict: 'A', preferred: 'moa', reason: 'The MoA text is right.' },
      { moaPosition: 'B', verdict: 'B', preferred: 'moa', reason: 'The MoA text is right.' },
    ]);
  });

  it('reports a judge that always prefers output A as inconsistent', async () => {
    const { judge } = recordingJudge(() => 'A reads better.\nVerdict: A');
    const judgment = await judgePair(judge, input);
    expect(judgment.verdict).toBe('inconsistent');
    expect(judgment.orders.map((order) => order.preferred)).toEqual(['moa', 'baseline']);
    expect(judgment.reason).toMatch(/position bias/);
  });

  it('reports an unreadable reply as an inconsistent verdict with a clear reason, not as an error', async () => {
    const { judge } = recordingJudge((prompt) => (moaPositionIn(prompt) === 'A' ? 'I refuse to choose.' : 'Ok.\nVerdict: B'));
    const judgment = await judgePair(judge, input);
    expect(judgment.verdict).toBe('inconsistent');
    expect(judgment.moaScore).toBeUndefined();
    expect(judgment.orders[0]).toMatchObject({ moaPosition: 'A', verdict: 'unparsable' });
    expect(judgment.orders[0]?.preferred).toBeUndefined();
    expect(judgment.reason).toMatch(/no readable “Verdict: A\/B\/tie” line/);
  });

  it('retries a failed call once, then uses the answer', async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        calls += 1;
        if (calls === 1) {
          throw overloaded();
        }
        return generated('Ok.\nVerdict: tie');
      },
    });
    await expect(judgePair(handle('test:judge', model), input)).resolves.toMatchObject({ verdict: 'tie' });
    expect(calls).toBe(3);
  });

  it('rejects with the provider’s error once a reading fails after its retry, and stops the other reading', async () => {
    const otherSignals: AbortSignal[] = [];
    let otherStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      otherStarted = resolve;
    });
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        if (moaPositionIn(userText(options)) === 'A') {
          await started;
          throw overloaded();
        }
        // The other reading would take long: it is left waiting until it is aborted.
        return new Promise((_resolve, reject) => {
          if (options.abortSignal) otherSignals.push(options.abortSignal);
          otherStarted();
          options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason), { once: true });
        });
      },
    });
    await expect(judgePair(handle('test:judge', model), input)).rejects.toMatchObject({ statusCode: 503 });
    const failingCalls = model.doGenerateCalls.filter((call) => moaPositionIn(userText(call)) === 'A');
    expect(failingCalls).toHaveLength(2);
    expect(otherSignals.length).toBeGreaterThan(0);
    expect(otherSignals.every((signal) => signal.aborted)).toBe(true);
  });

  it('passes the caller’s abort on to both calls', async () => {
    const signals: AbortSignal[] = [];
    let bothStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    const model = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((_resolve, reject) => {
          if (options.abortSignal) signals.push(options.abortSignal);
          if (signals.length === 2) bothStarted();
          options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason), { once: true });
        }),
    });
    const stop = new AbortController();
    const judging = judgePair(handle('test:judge', model), input, { signal: stop.signal });
    await started;
    stop.abort(new DOMException('gone', 'AbortError'));
    await expect(judging).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('is bound to a model by createJudge, which names the model and whether it is simulated', async () => {
    const { judge: judgeHandle } = recordingJudge(() => 'Ok.\nVerdict: tie');
    const judge = createJudge(judgeHandle);
    expect(judge).toMatchObject({ model: 'test:judge', simulated: false });
    await expect(judge.judge(input)).resolves.toMatchObject({ verdict: 'tie' });
  });
});

describe('the simulated judge', () => {
  const simulatedJudge = () =>
    handle(
      SIMULATED_JUDGE_MODEL,
      createSimulatedModel({
        modelId: 'judge',
        displayName: 'Judge (simulated)',
        profile: { firstTokenMs: 0, tokensPerSecond: Number.POSITIVE_INFINITY, jitter: 0 },
      }),
      { simulated: true },
    );

  it('answers a judge prompt with one sentence saying it is simulated and a verdict line', async () => {
    const judgment = await judgePair(simulatedJudge(), input);
    expect(judgment.simulated).toBe(true);
    for (const order of judgment.orders) {
      expect(['A', 'B', 'tie']).toContain(order.verdict);
      expect(order.reason).toMatch(/^This is a simulated judgment by Judge \(simulated\)[^.]*\.$/);
    }
  });

  it('gives the same judgment for the same answers and seed', async () => {
    const first = await judgePair(simulatedJudge(), input, { seed: 3 });
    const second = await judgePair(simulatedJudge(), input, { seed: 3 });
    expect(second).toEqual(first);
  });

  it('agrees with itself across orders for some answers and not for others', async () => {
    const verdicts = new Set<string>();
    for (let index = 0; index < 40; index += 1) {
      const judgment = await judgePair(simulatedJudge(), {
        question: `Question ${index}?`,
        moaAnswer: `MoA answer number ${index}.`,
        baselineAnswer: `Single answer number ${index}.`,
      });
      verdicts.add(judgment.verdict);
    }
    expect(verdicts.has('inconsistent')).toBe(true);
    expect(verdicts.has('moa') || verdicts.has('baseline')).toBe(true);
  });

  it('answers other prompts as before, not as a judge', async () => {
    const model = createSimulatedModel({ modelId: 'judge', profile: { firstTokenMs: 0, jitter: 0 } });
    const result = await model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    expect(text).not.toMatch(/Verdict:/);
  });
});

describe('defaultJudgeModel', () => {
  it('prefers GPT-4o, then Qwen2.5 72B on Together, then the simulated judge', () => {
    const qwen = 'together:Qwen/Qwen2.5-72B-Instruct-Turbo';
    expect(defaultJudgeModel(['simulator:judge', qwen, 'openai:gpt-4o'])).toBe('openai:gpt-4o');
    expect(defaultJudgeModel(['simulator:judge', qwen])).toBe(qwen);
    expect(defaultJudgeModel(['simulator:judge'])).toBe('simulator:judge');
    expect(defaultJudgeModel([])).toBe('simulator:judge');
  });
});
