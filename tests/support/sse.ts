/** One parsed UI message stream chunk (`data: {...}` line of the SSE body). */
export type Chunk = { type: string; id?: string; data?: any; delta?: string; errorText?: string; transient?: boolean };

/**
 * Reads an SSE response body chunk by chunk. `until` lets a test stop reading (and keep the stream open)
 * once a condition is met, to cancel or abort mid-run.
 */
export async function readChunks(
  response: Response,
  until?: (chunk: Chunk, all: Chunk[]) => boolean,
): Promise<{ chunks: Chunk[]; reader: ReadableStreamDefaultReader<Uint8Array>; comments: number }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: Chunk[] = [];
  let buffer = '';
  let comments = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      if (line.startsWith(':')) comments += 1;
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const chunk = JSON.parse(line.slice(6)) as Chunk;
      chunks.push(chunk);
      if (until?.(chunk, chunks)) return { chunks, reader, comments };
    }
  }
  return { chunks, reader, comments };
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
