import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Conversation, ConversationSummary } from './conversation';

/**
 * This browser's conversations in IndexedDB; only `conversation-queries.ts` reads and writes them. `summaries` holds
 * each conversation's list entry apart from its messages: the list is read again after every save (a streaming
 * answer is saved about once a second), and reading whole conversations, each with every agent's output, would cost
 * more with every conversation kept.
 */
interface ConversationSchema extends DBSchema {
  conversations: { key: string; value: Conversation; indexes: { updatedAt: number } };
  summaries: { key: string; value: ConversationSummary; indexes: { updatedAt: number } };
}

export type ConversationDatabase = IDBPDatabase<ConversationSchema>;

/** Layout 10 held the conversations alone (the number Dexie gave its version 1, which wrote it); 20 adds the list entries. */
const WITH_CONVERSATIONS = 10;
const WITH_SUMMARIES = 20;

let opening: Promise<ConversationDatabase> | undefined;

/** The one connection of this page, opened on first use (so the server render and the first paint never touch it). */
export function conversationDatabase(): Promise<ConversationDatabase> {
  opening ??= openDB<ConversationSchema>('moa-studio', WITH_SUMMARIES, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < WITH_CONVERSATIONS) {
        database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      }
      if (oldVersion < WITH_SUMMARIES) {
        const summaries = database.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('updatedAt', 'updatedAt');
        let cursor = await transaction.objectStore('conversations').openCursor();
        while (cursor) {
          const { id, title, createdAt, updatedAt } = cursor.value;
          await transaction.objectStore('summaries').put({ id, title, createdAt, updatedAt });
          cursor = await cursor.continue();
        }
      }
    },
    // A tab with a newer layout is waiting for this one to let go: close, and reopen (upgraded) on the next use.
    blocking: () => forget(),
    terminated: () => forget(),
  });
  return opening;
}

function forget() {
  const closing = opening;
  opening = undefined;
  void closing?.then((database) => database.close());
}
