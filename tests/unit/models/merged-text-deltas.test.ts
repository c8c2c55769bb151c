import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream, convertReadableStreamToArray } from 'ai/test';
import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_HOLD_MS,
  mergeEvents,
  mergeTextDeltaEvents,
  TEXT_HOLD_MS,
  textHoldMs,
  withMergedTextDeltas,
} from '@/lib/models/merged-text-deltas';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const identity = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
const chunk = (
  delta: Record<string, unknown>,
  finishReason: string | null = null,
  extra: Record<string, unknown> = {},
) =>
  `data: ${JSON.stringify({ ...identity, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], usage: null, ...extra })}\n\n`;
const MALFORMED = 'data: {not json\n\n';
const KEEP_ALIVE = ': keep-alive\n\n';
const TRUNCATED = 'data: {"trunc';
const DONE = 'data: [DONE]\n\n';
const usage = `data: ${JSON.stringify({ ...identity, choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`;

/** The body `pieces` make once through `mergeTextDeltaEvents`, as the pieces it hands on. */
async function merged(pieces: string[]): Promise<string[]> {
  const chunks = await convertReadableStreamToArray(
    mergeTextDeltaEvents(convertArrayToReadableStream(pieces.map((piece) => encoder.encode(piece)))),
  );
  return chunks.map((piece) => decoder.decode(piece));
}

/** A body the test writes to piece by piece. */
function controlledSource() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start: (started) => {
      controller = started;
    },
  });
  if (!controller) throw new Error('The stream did not start.');
  const started = controller;
  return { stream, controller: started, push: (piece: string) => started.enqueue(encoder.encode(piece)) };
}

describe('mergeEvents', () => {
  it('merges consecutive text deltas into the first one, role included', () => {
    expect(
      mergeEvents(chunk({ role: 'assistant', content: '' }) + chunk({ content: 'Hel' }) + chunk({ content: 'lo' })),
    ).toBe(chunk({ role: 'assistant', content: 'Hello' }));
  });

  it('merges deltas that differ only in their content, whatever the content holds', () => {
    const contents = ['a "quoted" ', 'back\\slash ', 'é ü 😀 ', '"content":"x" ', 'tab\t', '\u2028'];
    expect(mergeEvents(contents.map((content) => chunk({ content })).join(''))).toBe(
      chunk({ content: contents.join('') }),
    );
  });

  it('reads a delta whole again when more than its content changed', () => {
    const other = `data: ${JSON.stringify({ ...identity, id: 'chatcmpl-2', choices: [{ index: 0, delta: { content: 'c' }, logprobs: null, finish_reason: null }], usage: null })}\n\n`;
    // The same text around the content, but a second field after it: not a plain text delta.
    const smuggled = chunk({ content: 'd' }).replace('"content":"d"', '"content":"d","refusal":"no"');
    expect(mergeEvents(chunk({ content: 'a' }) + chunk({ content: 'b' }) + smuggled + other)).toBe(
      chunk({ content: 'ab' }) + smuggled + other,
    );
  });

  it('keeps the first delta’s own text around the merged content', () => {
    const spaced = (content: string) =>
      `data: {"id": "chatcmpl-1",  "choices": [{"index": 0, "delta": {"content":${JSON.stringify(content)}}}]}\n\n`;
    expect(mergeEvents(spaced('a') + spaced('b "c"') + spaced('d'))).toBe(spaced('ab "c"d'));
  });

  it('passes a delta on as it came when its content is not valid JSON', () => {
    // A raw tab inside a JSON string: the provider's parser refuses it, so the merger must not repair it.
    const broken = chunk({ content: 'b' }).replace('"content":"b"', '"content":"b\tc"');
    const text = chunk({ content: 'a' }) + broken + chunk({ content: 'd' });
    expect(mergeEvents(text)).toBe(text);
  });

  it('keeps the finish, the usage and [DONE] as they came, after the merged text', () => {
    const text = chunk({ content: 'a' }) + chunk({ content: 'b' }) + chunk({}, 'stop') + usage + DONE;
    expect(mergeEvents(text)).toBe(chunk({ content: 'ab' }) + chunk({}, 'stop') + usage + DONE);
  });

  it('leaves a single text delta byte for byte as it came', () => {
    const spaced = 'data: {"choices": [{"index": 0, "delta": {"content": "x"}}]}\n\n';
    expect(mergeEvents(spaced)).toBe(spaced);
  });

  it('does not merge across reasoning, a malformed line, a comment or a change of id', () => {
    const text =
      chunk({ content: 'a' }) +
      chunk({ reasoning_content: 'think' }) +
      chunk({ content: 'b' }) +
      MALFORMED +
      chunk({ content: 'c' }) +
      KEEP_ALIVE +
      chunk({ content: 'd' }) +
      chunk({ content: 'e' }, null, { id: 'chatcmpl-2' });
    expect(mergeEvents(text)).toBe(text);
  });

  it('merges across per-chunk padding and keeps the first event’s', () => {
    expect(
      mergeEvents(
        chunk({ content: 'a' }, null, { obfuscation: 'x1' }) + chunk({ content: 'b' }, null, { obfuscation: 'x2' }),
      ),
    ).toBe(chunk({ content: 'ab' }, null, { obfuscation: 'x1' }));
  });

  it('does not merge a delta that also calls a tool or reports a refusal', () => {
    const text =
      chunk({ content: 'a' }) +
      chunk({ content: 'b', tool_calls: [{ index: 0 }] }) +
      chunk({ content: '', refusal: 'no' });
    expect(mergeEvents(text)).toBe(text);
  });
});

describe('mergeTextDeltaEvents', () => {
  it('hands the first piece on untouched and merges the text that follows within the hold', async () => {
    expect(await merged([chunk({ content: 'a' }), chunk({ content: 'b' }), chunk({ content: 'c' })])).toEqual([
      chunk({ content: 'a' }),
      chunk({ content: 'bc' }),
    ]);
  });

  it('hands held text on once the hold has passed, though nothing else arrives', async () => {
    const source = controlledSource();
    const reader = mergeTextDeltaEvents(source.stream, { holdMs: 20 }).getReader();
    source.push(chunk({ content: 'a' }));
    expect(decoder.decode((await reader.read()).value)).toBe(chunk({ content: 'a' }));
    source.push(chunk({ content: 'b' }));
    source.push(chunk({ content: 'c' }));
    const startedAt = performance.now();
    expect(decoder.decode((await reader.read()).value)).toBe(chunk({ content: 'bc' }));
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(10);
    source.push(chunk({}, 'stop'));
    source.controller.close();
    expect(decoder.decode((await reader.read()).value)).toBe(chunk({}, 'stop'));
    expect((await reader.read()).done).toBe(true);
  });

  it('hands held text on before an error of the body', async () => {
    const source = controlledSource();
    const reader = mergeTextDeltaEvents(source.stream, { holdMs: 60_000 }).getReader();
    source.push(chunk({ content: 'a' }));
    await reader.read();
    source.push(chunk({ content: 'b' }));
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    source.controller.error(new Error('terminated'));
    expect(decoder.decode((await pending).value)).toBe(chunk({ content: 'b' }));
    await expect(reader.read()).rejects.toThrow('terminated');
  });

  it('hands on a piece after a pause at once', async () => {
    let time = 0;
    const pieces = [chunk({ content: 'a' }), chunk({ content: 'b' })];
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        const piece = pieces.shift();
        if (piece === undefined) return controller.close();
        time += 100;
        controller.enqueue(encoder.encode(piece));
      },
    });
    const chunks = await convertReadableStreamToArray(mergeTextDeltaEvents(source, { holdMs: 50, now: () => time }));
    expect(chunks.map((piece) => decoder.decode(piece))).toEqual([chunk({ content: 'a' }), chunk({ content: 'b' })]);
  });

  it('holds text longer while many streams merge at once, and as before once they have ended', async () => {
    expect(textHoldMs(1)).toBe(TEXT_HOLD_MS);
    expect(textHoldMs(5)).toBe(TEXT_HOLD_MS);
    expect(textHoldMs(12)).toBe(120);
    expect(textHoldMs(20)).toBe(200);
    expect(textHoldMs(1_000)).toBe(MAX_TEXT_HOLD_MS);

    /** Pieces arriving at the given times (ms), one event each, through a stream whose hold follows the load. */
    const handedOn = (arrivals: [number, string][]) => {
      let time = 0;
      const source = new ReadableStream<Uint8Array>({
        pull: (controller) => {
          const next = arrivals.shift();
          if (next === undefined) return controller.close();
          time = next[0];
          controller.enqueue(encoder.encode(chunk({ content: next[1] })));
        },
      });
      return convertReadableStreamToArray(mergeTextDeltaEvents(source, { now: () => time })).then((chunks) =>
        chunks.map((piece) => decoder.decode(piece)),
      );
    };
    const arrivals = (): [number, string][] => [
      [0, 'a'],
      [100, 'b'],
      [210, 'c'],
    ];

    // Alone, a piece 100 ms after the last goes on at once.
    expect(await handedOn(arrivals())).toEqual([
      chunk({ content: 'a' }),
      chunk({ content: 'b' }),
      chunk({ content: 'c' }),
    ]);

    // With 19 other streams open (20 in all: a 200 ms hold), it waits for the next.
    const others = Array.from({ length: 19 }, () => mergeTextDeltaEvents(controlledSource().stream).getReader());
    expect(await handedOn(arrivals())).toEqual([chunk({ content: 'a' }), chunk({ content: 'bc' })]);

    // Cancelled, errored or ended, the others no longer count.
    await Promise.all(others.slice(0, 17).map((reader) => reader.cancel()));
    const erroring = controlledSource();
    const erroringReader = mergeTextDeltaEvents(erroring.stream).getReader();
    const ending = controlledSource();
    const endingReader = mergeTextDeltaEvents(ending.stream).getReader();
    await Promise.all(others.slice(17).map((reader) => reader.cancel()));
    erroring.controller.error(new Error('terminated'));
    await expect(erroringReader.read()).rejects.toThrow('terminated');
    ending.controller.close();
    expect((await endingReader.read()).done).toBe(true);
    expect(await handedOn(arrivals())).toEqual([
      chunk({ content: 'a' }),
      chunk({ content: 'b' }),
      chunk({ content: 'c' }),
    ]);
  });

  it('merges the events of one piece and keeps an event split across pieces whole', async () => {
    const second = chunk({ content: 'b' });
    const pieces = [
      chunk({ content: 'a' }) + second.slice(0, 20),
      second.slice(20) + chunk({ content: 'c' }) + chunk({}, 'stop'),
    ];
    expect(await merged(pieces)).toEqual([chunk({ content: 'a' }), chunk({ content: 'bc' }) + chunk({}, 'stop')]);
  });

  it('keeps a character split across pieces', async () => {
    const bytes = encoder.encode(chunk({ content: 'é' }) + chunk({ content: 'ü' }));
    const split = bytes.indexOf(0xc3) + 1;
    const chunks = await convertReadableStreamToArray(
      mergeTextDeltaEvents(convertArrayToReadableStream([bytes.slice(0, split), bytes.slice(split)])),
    );
    expect(chunks.map((piece) => decoder.decode(piece)).join('')).toBe(chunk({ content: 'éü' }));
  });

  it('passes a stream with CRLF line ends on as it came', async () => {
    const pieces = [
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\r\n\r\n',
      'data: {"choices":[{"index":0,"delta":{"content":"b"}}]}\r\n\r\n',
    ];
    expect((await merged([pieces.join('')])).join('')).toBe(pieces.join(''));
  });

  it('hands on an unfinished last event at the end, for the provider to judge', async () => {
    expect((await merged([chunk({ content: 'a' }) + chunk({ content: 'b' }) + TRUNCATED])).join('')).toBe(
      chunk({ content: 'ab' }) + TRUNCATED,
    );
  });

  it('cancels the body it reads when its reader cancels', async () => {
    let reason: unknown;
    const source = new ReadableStream<Uint8Array>({
      cancel: (cancelReason) => {
        reason = cancelReason;
      },
    });
    await mergeTextDeltaEvents(source).cancel('gone');
    expect(reason).toBe('gone');
  });
});

describe('withMergedTextDeltas', () => {
  const body =
    chunk({ role: 'assistant', content: '' }) +
    chunk({ content: 'Hel' }) +
    chunk({ content: 'lo' }) +
    chunk({}, 'stop') +
    usage +
    DONE;
  const serve = (response: Response) => withMergedTextDeltas(() => async () => response);

  it('gives the provider the same text, finish and usage in fewer parts', async () => {
    const fetch = serve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const model = createOpenAICompatible({ name: 'test', baseURL: 'http://localhost/v1', includeUsage: true, fetch })(
      'm',
    );
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    const parts: LanguageModelV4StreamPart[] = await convertReadableStreamToArray(stream);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.delta)).toEqual(['Hello']);
    const finish = parts.find((part) => part.type === 'finish');
    expect(finish?.type === 'finish' && finish.finishReason.unified).toBe('stop');
    expect(finish?.type === 'finish' && finish.usage.outputTokens.total).toBe(4);
  });

  it('leaves an error response and a JSON response alone', async () => {
    const failed = new Response('{"error":{"message":"no"}}', {
      status: 429,
      headers: { 'content-type': 'text/event-stream' },
    });
    expect(await serve(failed)('http://localhost')).toBe(failed);
    const json = new Response(body, { headers: { 'content-type': 'application/json' } });
    expect(await serve(json)('http://localhost')).toBe(json);
  });
});
