import { describe, expect, it } from 'vitest';
import { UIMessageSseStream } from '@/lib/stream/ui-message-sse';

type Chunk = { type: string; delta?: string };

const decoder = new TextDecoder();

describe('UIMessageSseStream', () => {
  it('sends the AI SDK wire: an opening comment, one data event per chunk, then [DONE]', async () => {
    const stream = new UIMessageSseStream<Chunk>({ keepAliveMs: 60_000, onCancel: () => undefined });
    stream.write({ type: 'start' });
    stream.write({ type: 'text-delta', delta: 'a "quoted"\nline' });
    stream.close();
    expect(await new Response(stream.body).text()).toBe(
      ': stream-open\n\ndata: {"type":"start"}\n\ndata: {"type":"text-delta","delta":"a \\"quoted\\"\\nline"}\n\ndata: [DONE]\n\n',
    );
  });

  it('hands the chunks written in one task to the body as one piece', async () => {
    const stream = new UIMessageSseStream<Chunk>({ keepAliveMs: 60_000, onCancel: () => undefined });
    const reader = stream.body.getReader();
    expect(decoder.decode((await reader.read()).value)).toBe(': stream-open\n\n');
    stream.write({ type: 'text-delta', delta: 'one' });
    stream.write({ type: 'text-delta', delta: 'two' });
    stream.write({ type: 'text-delta', delta: 'three' });
    expect(decoder.decode((await reader.read()).value)).toBe(
      'data: {"type":"text-delta","delta":"one"}\n\ndata: {"type":"text-delta","delta":"two"}\n\ndata: {"type":"text-delta","delta":"three"}\n\n',
    );
    stream.close();
  });

  it('with a batch time, sends the first chunk at once and the ones written soon after as one later piece', async () => {
    const stream = new UIMessageSseStream<Chunk>({ keepAliveMs: 60_000, batchMs: 200, onCancel: () => undefined });
    const reader = stream.body.getReader();
    await reader.read();
    stream.write({ type: 'start' });
    expect(decoder.decode((await reader.read()).value)).toBe('data: {"type":"start"}\n\n');
    stream.write({ type: 'text-delta', delta: 'one' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    stream.write({ type: 'text-delta', delta: 'two' });
    const startedAt = performance.now();
    expect(decoder.decode((await reader.read()).value)).toBe(
      'data: {"type":"text-delta","delta":"one"}\n\ndata: {"type":"text-delta","delta":"two"}\n\n',
    );
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(100);
    stream.write({ type: 'text-delta', delta: 'three' });
    stream.close();
    expect(decoder.decode((await reader.read()).value)).toBe(
      'data: {"type":"text-delta","delta":"three"}\n\ndata: [DONE]\n\n',
    );
  });

  it('asks a batch time given as a function each time a batch starts', async () => {
    let batchMs = 0;
    const stream = new UIMessageSseStream<Chunk>({
      keepAliveMs: 60_000,
      batchMs: () => batchMs,
      onCancel: () => undefined,
    });
    const reader = stream.body.getReader();
    await reader.read();
    stream.write({ type: 'start' });
    await reader.read();
    stream.write({ type: 'text-delta', delta: 'one' });
    expect(decoder.decode((await reader.read()).value)).toBe('data: {"type":"text-delta","delta":"one"}\n\n');
    batchMs = 200;
    stream.write({ type: 'text-delta', delta: 'two' });
    const startedAt = performance.now();
    await reader.read();
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(100);
    stream.close();
  });

  it('tells its owner when the reader cancels, and takes later writes and the close without throwing', async () => {
    let cancelled = 0;
    const stream = new UIMessageSseStream<Chunk>({ keepAliveMs: 60_000, onCancel: () => (cancelled += 1) });
    await stream.body.cancel();
    stream.write({ type: 'text-delta', delta: 'late' });
    stream.close();
    expect(cancelled).toBe(1);
  });
});
