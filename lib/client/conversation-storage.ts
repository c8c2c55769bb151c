import { z } from 'zod';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { readStored, writeStored } from './local-storage';

const KEY = 'conversation:v1';

// Parts are the server's own data parts, validated when they streamed in; here only the envelope is checked.
const storedConversationSchema = z.object({
  messages: z.array(
    z.object({
      id: z.string(),
      role: z.enum(['user', 'assistant', 'system']),
      parts: z.array(z.looseObject({ type: z.string() })),
    }),
  ),
});

/** The conversation kept in this browser, so a reload does not lose it. */
export function loadConversation(): MoaUIMessage[] {
  return readStored(KEY, storedConversationSchema, { messages: [] }).messages as unknown as MoaUIMessage[];
}

export function saveConversation(messages: MoaUIMessage[]): void {
  writeStored(KEY, { messages });
}
