import { z } from 'zod';
import { readStored, removeStored, writeStored } from './local-storage';

/** The key of a conversation's unsent question; a new chat, not stored yet, has its own. */
const keyOf = (conversationId: string | null) => `draft:v1:${conversationId ?? 'new'}`;

/** The question typed in a conversation and not sent yet, so a reload or a switch of chats does not lose it. */
export function readDraft(conversationId: string | null): string {
  return readStored(keyOf(conversationId), z.string().max(100_000), '');
}

export function writeDraft(conversationId: string | null, text: string): void {
  if (text.length === 0) removeStored(keyOf(conversationId));
  else writeStored(keyOf(conversationId), text);
}
