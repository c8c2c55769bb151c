import { z } from 'zod';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

/** Titles are one line in the list; a long first question is cut here. */
export const TITLE_MAX_CHARS = 80;

// Parts are the server's own data parts, validated when they streamed in; stored records check only the envelope.
const storedMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z.array(z.looseObject({ type: z.string() })),
});

/** What IndexedDB and the legacy localStorage entry hold for messages, checked when read back. */
export const storedMessagesSchema = z.array(storedMessageSchema);

const messageNodeSchema = z.object({ message: storedMessageSchema, parentId: z.string().nullable() });

/**
 * A conversation as it is kept: every message ever sent or answered in it, each under the message it follows, so
 * that an edited question or a regenerated answer branches the conversation instead of overwriting it. `leafId` is
 * the last message of the branch on screen (null while empty).
 */
export const conversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  nodes: z.array(messageNodeSchema),
  leafId: z.string().nullable(),
});

export interface MessageNode {
  message: MoaUIMessage;
  parentId: string | null;
}

export interface Conversation extends Omit<z.infer<typeof conversationSchema>, 'nodes'> {
  nodes: MessageNode[];
}

/** A conversation as the list shows it. */
export const conversationSummarySchema = conversationSchema.pick({ id: true, title: true, createdAt: true, updatedAt: true });
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** The text of a message's text parts: the question of a user message, the answer of an assistant one. */
export function messageText(message: MoaUIMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The list's title for a conversation: its first question on one line, trimmed and cut to `TITLE_MAX_CHARS`. */
export function titleFrom(messages: MoaUIMessage[]): string {
  const first = messages.find((message) => message.role === 'user');
  const line = (first ? messageText(first) : '').replace(/\s+/g, ' ').trim();
  if (line.length === 0) return 'New chat';
  return line.length > TITLE_MAX_CHARS ? `${line.slice(0, TITLE_MAX_CHARS - 1).trimEnd()}…` : line;
}
