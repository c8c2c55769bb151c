import { sharedRunPartSchema, type SharedMessage, type SharedRunPart } from '@/lib/protocol/share';
import { answerText, type Chunk } from './sse';

export type SharedAssistantMessage = Extract<SharedMessage, { role: 'assistant' }>;

const SHARED_DATA_TYPES = new Set(['data-run', 'data-agent', 'data-layer', 'data-summary']);

/**
 * The assistant message a finished run leaves in the client, in the share format: each non-transient data part
 * at the place it first appeared, holding its last value (a part sent again with the same type and id replaces
 * the earlier one), and the answer as one text part where the answer started. Works on chunks read from the
 * route in-process or from `/api/moa` over HTTP.
 */
export function sharedMessageFromChunks(chunks: Chunk[]): SharedAssistantMessage {
  const parts: SharedRunPart[] = [];
  const indexByKey = new Map<string, number>();
  for (const chunk of chunks) {
    if (chunk.transient) continue;
    if (SHARED_DATA_TYPES.has(chunk.type)) {
      // Parsed, so a run that no longer fits the share format fails here rather than deep inside a test.
      const part = sharedRunPartSchema.parse({ type: chunk.type, id: chunk.id, data: chunk.data });
      const key = `${chunk.type}:${chunk.id}`;
      const index = indexByKey.get(key);
      if (index === undefined) indexByKey.set(key, parts.push(part) - 1);
      else parts[index] = part;
    }
    if (chunk.type === 'text-start' && !indexByKey.has('text')) {
      indexByKey.set('text', parts.push({ type: 'text', text: '' }) - 1);
    }
  }
  const textIndex = indexByKey.get('text');
  if (textIndex !== undefined) parts[textIndex] = { type: 'text', text: answerText(chunks) };
  return { role: 'assistant', parts };
}
