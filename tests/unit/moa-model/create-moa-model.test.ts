import { InvalidPromptError, UnsupportedFunctionalityError, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError, generateText, streamText } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createMoa } from '@/lib/moa-model/create-moa';
import { createMoaModel, MOA_PROGRESS_KIND } from '@/lib/moa-model/create-moa-model';
import { MoaRunError } from '@/lib/moa-model/moa-run-error';
import { runMoA } from '@/lib/moa/run-moa';
import { createGetModel } from '@/lib/models/registry';
import { answerParts, handle, recordingModels, withOverrides } from '../../support/test-models';

const simulatorGetModel = () => createGetModel({ env: { SIMULATOR_SPEED: '1000' }, byoKeys: {}, localModels: [] });
const agent = (model: string) => ({ model, maxOutputTokens: 64 });

async function partsOf(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

describe('createMoaModel', () => {
  it('works as the model of streamText: the aggregator’s answer, the usage of every call, the run in provider metadata', async () => {
    const getModel = simulatorGetModel();
    const moa = createMoa({ getModel });
    const result = streamText({ model: moa('simulated'), prompt: 'Why is the sky blue?', seed: 3 });
    const text = await result.text;

    const direct = await runMoA({
      config: (await import('@/lib/models/presets')).PRESETS.find((preset) => preset.id === 'simulated')!.config,
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
      getModel,
      onEvent: () => undefined,
      seed: 3,
    });
    expect(direct.status).toBe('done');
    expect(text).toBe(direct.status === 'done' ? direct.answer : '');

    const usage = await result.usage;
    const metadata = (await result.providerMetadata)?.moa as any;
    expect(metadata.summary).toMatchObject({ status: 'done', agents: { total: 13, done: 13 } });
    expect(metadata.preset).toBe('simulated');
    expect(usage.inputTokens).toBe(metadata.summary.usage.inputTokens);
    expect(usage.outputTokens).toBe(metadata.summary.usage.outputTokens);
    expect(metadata.agents).toHaveLength(13);
  });

  it('answers generateText with the answer alone', async () => {
    const { text, finishReason } = await generateText({ model: createMoa({ getModel: simulatorGetModel() })('simulated'), prompt: 'Hi', maxRetries: 0 });
    expect(text).toMatch(/simulat/i);
    expect(finishReason).toBe('stop');
  });

  it('gives temperature and maxOutputTokens to the aggregator and leaves the proposers’ own settings', async () => {
    const { getModel, calls } = recordingModels((modelId) => `Answer of ${modelId}.`);
    const model = createMoaModel({ config: { layers: [{ agents: [agent('test:a'), agent('test:b')] }], aggregator: agent('test:agg') }, getModel });
    await generateText({ model, prompt: 'Hi', temperature: 0.1, maxOutputTokens: 20, maxRetries: 0 });
    const byModel = new Map(calls.map((call) => [call.modelId, call.options]));
    expect(byModel.get('test:agg')).toMatchObject({ temperature: 0.1, maxOutputTokens: 20 });
    expect(byModel.get('test:a')).toMatchObject({ temperature: 0.7, maxOutputTokens: 64 });
  });

  it('passes the whole conversation to every agent and ends with the user turn', async () => {
    const { getModel, calls } = recordingModels(() => 'ok');
    const model = createMoaModel({ config: { layers: [{ agents: [agent('test:a')] }], aggregator: agent('test:agg') }, getModel });
    await generateText({
      model,
      instructions: 'Be brief.',
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: [{ type: 'text', text: 'Second' }, { type: 'text', text: 'question' }] },
      ],
      maxRetries: 0,
    });
    const prompt = calls.find((call) => call.modelId === 'test:a')?.options.prompt;
    expect(prompt?.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(prompt?.at(-1)?.content).toEqual([{ type: 'text', text: 'Second\nquestion' }]);
  });

  it('refuses files and tool results, and a prompt that does not end with the user', async () => {
    const model = createMoa({ getModel: simulatorGetModel() })('simulated');
    const file = { type: 'file' as const, data: { type: 'url' as const, url: new URL('https://example.com/sky.png') }, mediaType: 'image/png' };
    await expect(model.doStream({ prompt: [{ role: 'user', content: [file] }] })).rejects.toBeInstanceOf(UnsupportedFunctionalityError);
    await expect(
      model.doStream({ prompt: [{ role: 'tool', content: [] }] }),
    ).rejects.toBeInstanceOf(UnsupportedFunctionalityError);
    await expect(
      model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }, { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] }] }),
    ).rejects.toBeInstanceOf(InvalidPromptError);
  });

  it('streams a run without an answer as an error part holding a MoaRunError with the agents’ errors', async () => {
    const model = createMoaModel({
      config: { layers: [{ agents: [agent('simulator:fails-early')] }], aggregator: agent('simulator:qwen-110b'), maxRetries: 0 },
      getModel: simulatorGetModel(),
    });
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    const parts = await partsOf(stream);
    const error = parts.find((part) => part.type === 'error');
    expect(error?.type === 'error' && error.error).toBeInstanceOf(MoaRunError);
    const runError = (error as { error: MoaRunError }).error;
    expect(runError.code).toBe('no_responses');
    expect(runError.causes).toEqual([expect.objectContaining({ code: 'provider_error', statusCode: 503 })]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'error' } });
    await expect(generateText({ model, prompt: 'Hi', maxRetries: 0 })).rejects.toBeInstanceOf(MoaRunError);
  });

  it('opens a new text part for a retried answer, and generates the last attempt’s text only', async () => {
    const dropped = new APICallError({ message: 'HTTP 502', url: 'http://provider.test', requestBodyValues: {}, statusCode: 502, isRetryable: true });
    const attempts = () =>
      new MockLanguageModelV4({
        doStream: [
          { stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([{ type: 'stream-start', warnings: [] }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Half an ' }, { type: 'error', error: dropped }]) },
          { stream: convertArrayToReadableStream(answerParts('The whole answer.')) },
        ],
      });
    const config = { layers: [{ agents: [agent('test:a')] }], aggregator: agent('test:agg'), maxRetries: 1 };
    const getModel = () => withOverrides(recordingModels(() => 'A proposal.').getModel, { 'test:agg': handle('test:agg', attempts()) });

    const model = createMoaModel({ config, getModel: getModel(), random: () => 0 });
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    const texts = new Map<string, string>();
    for (const part of await partsOf(stream)) if (part.type === 'text-delta') texts.set(part.id, (texts.get(part.id) ?? '') + part.delta);
    expect(Object.fromEntries(texts)).toEqual({ 'answer-1': 'Half an ', 'answer-2': 'The whole answer.' });

    const generated = await createMoaModel({ config, getModel: getModel(), random: () => 0 }).doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    expect(generated.content).toEqual([{ type: 'text', text: 'The whole answer.' }]);
  });

  it('streams progress as custom parts only when asked for', async () => {
    const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];
    const quiet = await partsOf((await createMoa({ getModel: simulatorGetModel() })('simulated').doStream({ prompt })).stream);
    expect(quiet.some((part) => part.type === 'custom')).toBe(false);
    const loud = await partsOf((await createMoa({ getModel: simulatorGetModel(), progress: true })('simulated').doStream({ prompt })).stream);
    const progress = loud.flatMap((part) => (part.type === 'custom' && part.kind === MOA_PROGRESS_KIND ? [part.providerMetadata?.moa as any] : []));
    expect(progress[0].type).toBe('run-start');
    expect(progress.filter((event) => event.type === 'agent-end')).toHaveLength(13);
  });

  it('aborts every agent when the reader cancels the stream', async () => {
    const signals: AbortSignal[] = [];
    let bothCalled: () => void = () => undefined;
    const bothStarted = new Promise<void>((resolve) => (bothCalled = resolve));
    const hanging = new MockLanguageModelV4({
      doStream: async (options) => {
        if (options.abortSignal) signals.push(options.abortSignal);
        if (signals.length === 2) bothCalled();
        return { stream: new ReadableStream({ start: (controller) => controller.enqueue({ type: 'stream-start', warnings: [] }) }) };
      },
    });
    const model = createMoaModel({
      config: { layers: [{ agents: [agent('test:a'), agent('test:b')] }], aggregator: agent('test:agg') },
      getModel: (modelId) => handle(modelId, hanging),
    });
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    const reader = stream.getReader();
    await reader.read();
    await bothStarted;
    await reader.cancel();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });
});
