import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import type OpenAI from 'openai';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MoaRunError } from '@/lib/moa-model/moa-run-error';
import { ANSWER_RESTART_NOTICE, chatCompletionStreamResponse } from '@/lib/openai/chat-completion-stream';
import type { ChatCompletion, ChatCompletionChunk } from '@/lib/openai/chat-response';
import { chatCompletionChunkSchema } from '@/lib/openai/chat-response';
import { answerParts } from '../../support/test-models';
import { readEvents } from '../../support/v1-route';

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];

/** A model whose stream the test writes to by hand. */
function manualModel() {
  let controller!: ReadableStreamDefaultController<LanguageModelV4StreamPart>;
  const signals: AbortSignal[] = [];
  let cancelled = false;
  let markCalled: () => void = () => undefined;
  const called = new Promise<void>((resolve) => (markCalled = resolve));
  const model = new MockLanguageModelV4({
    doStream: async (options) => {
      if (options.abortSignal) signals.push(options.abortSignal);
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start: (streamController) => {
            controller = streamController;
            markCalled();
          },
          cancel: () => {
            cancelled = true;
          },
        }),
      };
    },
  });
  /** Resolves once the wire has called the model and holds its stream. */
  return { model, called, write: (part: LanguageModelV4StreamPart) => controller.enqueue(part), signals, isCancelled: () => cancelled };
}

function respond(model: MockLanguageModelV4, options: { includeUsage?: boolean; keepAliveMs?: number; requestSignal?: AbortSignal } = {}) {
  return chatCompletionStreamResponse({
    model,
    callOptions: { prompt },
    modelName: 'moa-lite',
    requestSignal: options.requestSignal ?? new AbortController().signal,
    includeUsage: options.includeUsage ?? false,
    progress: false,
    keepAliveMs: options.keepAliveMs,
  });
}

/** Reads the body until `count` keep-alive comments have come, and returns what was read. */
async function readUntilComments(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/^: keep-alive$/gm) ?? []).length < count) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`The stream ended after ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('chatCompletionStreamResponse', () => {
  it('sends the role first, then keep-alive comments while nothing else comes, then the answer', async () => {
    const { model, write, called } = manualModel();
    const reader = respond(model, { keepAliveMs: 20 }).body!.getReader();
    await called;
    const before = await readUntilComments(reader, 2);
    expect(before.indexOf('"role":"assistant"')).toBeLessThan(before.indexOf(': keep-alive'));
    expect(before).not.toContain('"content":"Hello');

    for (const part of answerParts('Hello there.')) write(part);
    const decoder = new TextDecoder();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
    }
    expect(rest.trim().endsWith('data: [DONE]')).toBe(true);
    expect(rest).toContain('"finish_reason":"stop"');
  });

  it('writes an error event and no [DONE] when the run fails after the stream began', async () => {
    const { model, write, called } = manualModel();
    const response = respond(model);
    await called;
    write({ type: 'stream-start', warnings: [] });
    write({ type: 'error', error: new MoaRunError({ code: 'no_responses', message: 'Every agent of layer 1 failed.' }, []) });
    const { events } = await readEvents(response);
    expect(events.at(-1)).toEqual({ error: { message: 'Every agent of layer 1 failed.', type: 'api_error', param: null, code: 'upstream_error' } });
    expect(events).not.toContain('[DONE]');
  });

  it('aborts the run and cancels the model’s stream when the client cancels the body', async () => {
    const { model, signals, isCancelled, called } = manualModel();
    const reader = respond(model).body!.getReader();
    await called;
    await reader.cancel();
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(isCancelled()).toBe(true);
  });

  it('aborts the run when the request’s signal fires', async () => {
    const { model, signals, called } = manualModel();
    const request = new AbortController();
    const reader = respond(model, { requestSignal: request.signal }).body!.getReader();
    await called;
    request.abort();
    expect(signals[0]?.aborted).toBe(true);
    await reader.cancel();
  });

  it('calls no model when the client left before the run started', async () => {
    const { model, signals } = manualModel();
    const request = new AbortController();
    request.abort();
    const { events } = await readEvents(respond(model, { requestSignal: request.signal }));
    expect(signals).toEqual([]);
    expect(events).toHaveLength(1);
  });

  it('tells the reader when a retried answer starts over, instead of running the two together', async () => {
    const finish = answerParts('x').at(-1)!;
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 'answer-1' },
      { type: 'text-delta', id: 'answer-1', delta: 'Half an ' },
      { type: 'text-end', id: 'answer-1' },
      { type: 'text-start', id: 'answer-2' },
      { type: 'text-delta', id: 'answer-2', delta: 'The whole answer.' },
      { type: 'text-end', id: 'answer-2' },
      finish,
    ];
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: convertArrayToReadableStream(parts) }) });
    const { events } = await readEvents(respond(model));
    const text = events.map((event) => (event === '[DONE]' ? '' : (event.choices[0]?.delta.content ?? ''))).join('');
    expect(text).toBe(`Half an ${ANSWER_RESTART_NOTICE}The whole answer.`);
  });

  it('counts usage only in the last chunk, when asked for', async () => {
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: convertArrayToReadableStream(answerParts('One two.', { input: 7, output: 3 })) }) });
    const { events } = await readEvents(respond(model, { includeUsage: true }));
    const chunks = events.filter((event) => event !== '[DONE]') as Record<string, any>[];
    expect(chunks.every((chunk) => chatCompletionChunkSchema.safeParse(chunk).success)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
  });

  it('writes chunks and completions that the openai package’s types accept', () => {
    expectTypeOf<ChatCompletionChunk>().toExtend<OpenAI.ChatCompletionChunk>();
    expectTypeOf<ChatCompletion>().toExtend<OpenAI.ChatCompletion>();
  });
});
