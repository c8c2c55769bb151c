import { parseJsonEventStream } from 'ai';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { z } from 'zod';

// The one reader of server-sent events for tests and benches: the AI SDK's own parser for UI message streams, and the
// parser it is built on for OpenAI's chunks (whose `[DONE]` the SDK's reader skips).

/** One parsed UI message stream chunk (`data: {...}` line of the SSE body). */
export type Chunk = { type: string; id?: string; data?: any; delta?: string; errorText?: string; transient?: boolean };

/** Reads parsed chunks; `cancel` cancels the response body itself, at once, as a client that leaves does. */
export interface ChunkReader {
  read(): Promise<ReadableStreamReadResult<Chunk>>;
  cancel(reason?: unknown): Promise<void>;
}

const anyChunk = z.looseObject({ type: z.string() });

/**
 * The chunks of a UI message stream body, parsed by the AI SDK; a chunk that is not JSON fails the read. The body is
 * read through a reader held here, since a cancel that travels back up a chain of piped streams reaches the body
 * only some ticks later.
 */
function chunkReader(body: ReadableStream<Uint8Array>): ChunkReader {
  const bodyReader = body.getReader();
  const bytes = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await bodyReader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const chunks = parseJsonEventStream({ stream: bytes, schema: anyChunk }).getReader();
  return {
    async read() {
      const result = await chunks.read();
      if (result.done) return { done: true, value: undefined };
      if (!result.value.success) throw result.value.error;
      return { done: false, value: result.value.value as Chunk };
    },
    async cancel(reason) {
      await bodyReader.cancel(reason);
    },
  };
}

/**
 * Reads a UI message stream chunk by chunk, from a response or from a reader an earlier call returned. `until` lets a
 * test stop reading (and keep the stream open) once a condition is met, to cancel or abort mid-run; cancelling the
 * returned reader cancels the response body.
 */
export async function readChunks(
  source: Response | ChunkReader,
  until?: (chunk: Chunk, all: Chunk[]) => boolean,
): Promise<{ chunks: Chunk[]; reader: ChunkReader }> {
  const reader = source instanceof Response ? chunkReader(source.body!) : source;
  const chunks: Chunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    if (until?.(value, chunks)) break;
  }
  return { chunks, reader };
}

/**
 * The `data:` events of an OpenAI-style SSE body, in order, `[DONE]` as the string; `onEvent` sees each as it arrives
 * (benchmarks time them).
 */
export async function readOpenAIEvents(
  body: ReadableStream<Uint8Array>,
  onEvent?: (event: Record<string, any> | '[DONE]') => void,
): Promise<(Record<string, any> | '[DONE]')[]> {
  const events: (Record<string, any> | '[DONE]')[] = [];
  // lib.dom types the decoder's writable side as BufferSource, which a byte stream is.
  const text = body.pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>);
  const reader = text.pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    const event = value.data === '[DONE]' ? '[DONE]' : (JSON.parse(value.data) as Record<string, any>);
    onEvent?.(event);
    events.push(event);
  }
}

/** The last `data-agent` part per agent id, as the client's message would hold it. */
export function finalAgentParts(chunks: Chunk[]): Map<string, any> {
  const agents = new Map<string, any>();
  for (const chunk of chunks) if (chunk.type === 'data-agent') agents.set(chunk.id!, chunk.data);
  return agents;
}

/** The answer as the client would assemble it: the text of the last text part. */
export function answerText(chunks: Chunk[]): string {
  const texts = new Map<string, string>();
  for (const chunk of chunks) {
    if (chunk.type === 'text-start') texts.set(chunk.id!, '');
    if (chunk.type === 'text-delta') texts.set(chunk.id!, (texts.get(chunk.id!) ?? '') + chunk.delta);
  }
  return [...texts.values()].at(-1) ?? '';
}
