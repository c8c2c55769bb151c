import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { conversationDatabase } from './conversation-database';
import {
  conversationSchema,
  conversationSummarySchema,
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

// Every write says so here, and to this browser's other tabs, so that open lists read themselves again.
const listeners = new Set<() => void>();
let otherTabs: BroadcastChannel | undefined;

function changed() {
  for (const listener of listeners) listener();
  otherTabs?.postMessage('changed');
}

function onChange(listener: () => void): () => void {
  listeners.add(listener);
  if (!otherTabs && typeof BroadcastChannel !== 'undefined') {
    otherTabs = new BroadcastChannel(`${STORAGE_PREFIX}conversations`);
    otherTabs.onmessage = () => {
      for (const each of listeners) each();
    };
  }
  return () => listeners.delete(listener);
}

/** Writes a conversation whole, with its list entry, in one transaction. */
async function writeWhole(conversation: Conversation, write: 'add' | 'put'): Promise<void> {
  const transaction = (await conversationDatabase()).transaction(['conversations', 'summaries'], 'readwrite');
  await Promise.all([
    transaction.objectStore('conversations')[write](conversation),
    transaction.objectStore('summaries').put(summaryOf(conversation)),
    transaction.done,
  ]);
  changed();
}

/** Changes the fields given of a stored conversation and of its list entry; a conversation not stored stays so. */
async function update(id: string, changes: Partial<Conversation>, entryChanges: Partial<ConversationSummary>): Promise<void> {
  const transaction = (await conversationDatabase()).transaction(['conversations', 'summaries'], 'readwrite');
  const conversations = transaction.objectStore('conversations');
  const summaries = transaction.objectStore('summaries');
  const [stored, entry] = await Promise.all([conversations.get(id), summaries.get(id)]);
  if (stored) void conversations.put({ ...stored, ...changes });
  if (entry) void summaries.put({ ...entry, ...entryChanges });
  await transaction.done;
  if (stored) changed();
}

/** Keeps a conversation that is not stored yet (the first question of a new chat, a continued share). */
export async function addConversation(conversation: Conversation): Promise<void> {
  await writeWhole(conversation, 'add');
}

export async function getConversation(id: string): Promise<Conversation | undefined> {
  return parsed(await (await conversationDatabase()).get('conversations', id));
}

/**
 * Stores a conversation's messages and branch, leaving its title alone: a rename in another view must not be undone
 * by the next save of the chat. A conversation deleted meanwhile stays deleted.
 */
export async function saveMessages(conversation: Conversation): Promise<void> {
  const { id, nodes, leafId, updatedAt } = conversation;
  await update(id, { nodes, leafId, updatedAt }, { updatedAt });
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  if (trimmed.length > 0) await update(id, { title: trimmed }, { title: trimmed });
}

/** Deletes a conversation and gives it back, so an undo can restore it whole. */
export async function deleteConversation(id: string): Promise<Conversation | undefined> {
  const transaction = (await conversationDatabase()).transaction(['conversations', 'summaries'], 'readwrite');
  const conversation = parsed(await transaction.objectStore('conversations').get(id));
  await Promise.all([
    transaction.objectStore('conversations').delete(id),
    transaction.objectStore('summaries').delete(id),
    transaction.done,
  ]);
  changed();
  return conversation;
}

export async function restoreConversation(conversation: Conversation): Promise<void> {
  await writeWhole(conversation, 'put');
}

/**
 * The conversations, most recently active first; with `search`, only those whose title or any message (on every
 * branch) contains it, ignoring case. Without a search only the list entries are read, never the messages.
 */
export async function listConversations({ search = '' }: { search?: string } = {}): Promise<ConversationSummary[]> {
  const needle = search.trim().toLowerCase();
  const database = await conversationDatabase();
  if (!needle) {
    const entries = await database.getAllFromIndex('summaries', 'updatedAt');
    return entries.reverse().flatMap((entry) => {
      const result = conversationSummarySchema.safeParse(entry);
      return result.success ? [result.data] : [];
    });
  }
  const records = await database.getAllFromIndex('conversations', 'updatedAt');
  return records.reverse().flatMap((record) => {
    const conversation = parsed(record);
    return conversation && matches(conversation, needle) ? [summaryOf(conversation)] : [];
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
  onList: (conversations: ConversationSummary[]) => void,
): () => void {
  // Reads can finish out of order; only the latest one's list is shown.
  let latest = 0;
  let watching = true;
  const read = () => {
    const reading = ++latest;
    listConversations({ search })
      .then((list) => {
        if (watching && reading === latest) onList(list);
      })
      // A read that failed leaves the list as it was; the next change reads again.
      .catch(() => undefined);
  };
  const stop = onChange(read);
  read();
  return () => {
    watching = false;
    stop();
  };
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
