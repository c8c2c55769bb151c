import { liveQuery } from 'dexie';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { conversationDatabase } from './conversation-database';
import {
  conversationSchema,
  messageText,
  storedMessagesSchema,
  type Conversation,
  type ConversationSummary,
} from './conversation';
import { createConversation } from './conversation-tree';
import { STORAGE_PREFIX } from './local-storage';

/** Where the app kept its one conversation before conversations moved to IndexedDB. */
export const LEGACY_CONVERSATION_KEY = `${STORAGE_PREFIX}conversation:v1`;

/** A stored record, or nothing when it is missing or not in the shape this version writes. */
function parsed(record: unknown): Conversation | undefined {
  const result = conversationSchema.safeParse(record);
  return result.success ? (result.data as Conversation) : undefined;
}

const summaryOf = ({ id, title, createdAt, updatedAt }: Conversation): ConversationSummary => ({
  id,
  title,
  createdAt,
  updatedAt,
});

/** Keeps a conversation that is not stored yet (the first question of a new chat, a continued share). */
export async function addConversation(conversation: Conversation): Promise<void> {
  await conversationDatabase().conversations.add(conversation);
}

export async function getConversation(id: string): Promise<Conversation | undefined> {
  return parsed(await conversationDatabase().conversations.get(id));
}

/**
 * Stores a conversation's messages and branch, leaving its title alone: a rename in another view must not be undone
 * by the next save of the chat. A conversation deleted meanwhile stays deleted.
 */
export async function saveMessages(conversation: Conversation): Promise<void> {
  const { nodes, leafId, updatedAt } = conversation;
  await conversationDatabase().conversations.update(conversation.id, { nodes, leafId, updatedAt });
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  if (trimmed.length > 0) await conversationDatabase().conversations.update(id, { title: trimmed });
}

/** Deletes a conversation and gives it back, so an undo can restore it whole. */
export async function deleteConversation(id: string): Promise<Conversation | undefined> {
  const database = conversationDatabase();
  return database.transaction('rw', database.conversations, async () => {
    const conversation = parsed(await database.conversations.get(id));
    await database.conversations.delete(id);
    return conversation;
  });
}

export async function restoreConversation(conversation: Conversation): Promise<void> {
  await conversationDatabase().conversations.put(conversation);
}

/**
 * The conversations, most recently active first; with `search`, only those whose title or any message (on every
 * branch) contains it, ignoring case.
 */
export async function listConversations({ search = '' }: { search?: string } = {}): Promise<ConversationSummary[]> {
  const needle = search.trim().toLowerCase();
  const records = await conversationDatabase().conversations.orderBy('updatedAt').reverse().toArray();
  return records.flatMap((record) => {
    const conversation = parsed(record);
    if (!conversation) return [];
    if (needle && !matches(conversation, needle)) return [];
    return [summaryOf(conversation)];
  });
}

function matches(conversation: Conversation, needle: string): boolean {
  return (
    conversation.title.toLowerCase().includes(needle) ||
    conversation.nodes.some((node) => messageText(node.message).toLowerCase().includes(needle))
  );
}

/** Calls `onChange` with the list now and after every change to it, from this tab or another; returns the unsubscribe. */
export function watchConversations(
  { search }: { search: string },
  onChange: (conversations: ConversationSummary[]) => void,
): () => void {
  const subscription = liveQuery(() => listConversations({ search })).subscribe({ next: onChange });
  return () => subscription.unsubscribe();
}

/**
 * Moves the conversation the app kept in localStorage into IndexedDB, once: the key is removed after the copy is
 * stored, so a reload finds nothing left to move. Gives the new conversation's id, or nothing when there was none.
 */
export async function migrateLegacyConversation({
  storage,
  newId,
  now,
}: {
  storage: Storage;
  newId: () => string;
  now: number;
}): Promise<string | undefined> {
  const raw = storage.getItem(LEGACY_CONVERSATION_KEY);
  if (raw === null) return undefined;
  let messages: MoaUIMessage[] = [];
  try {
    const result = storedMessagesSchema.safeParse((JSON.parse(raw) as { messages?: unknown }).messages);
    if (result.success) messages = result.data as unknown as MoaUIMessage[];
  } catch {
    // Not JSON: nothing to keep.
  }
  let id: string | undefined;
  if (messages.length > 0) {
    const conversation = createConversation({ id: newId(), messages, now });
    await addConversation(conversation);
    id = conversation.id;
  }
  storage.removeItem(LEGACY_CONVERSATION_KEY);
  return id;
}
