import { Dexie, type EntityTable } from 'dexie';
import type { Conversation } from './conversation';

/** The IndexedDB database of this browser's conversations; only `conversation-queries.ts` reads and writes it. */
export type ConversationDatabase = Dexie & { conversations: EntityTable<Conversation, 'id'> };

let database: ConversationDatabase | undefined;

/** The one connection of this page, opened on first use (so the server render and the first paint never touch it). */
export function conversationDatabase(): ConversationDatabase {
  if (database) return database;
  const opened = new Dexie('moa-studio') as ConversationDatabase;
  // Indexed by `updatedAt` for the list, newest first; search reads the messages, which no index could answer.
  opened.version(1).stores({ conversations: 'id, updatedAt' });
  database = opened;
  return opened;
}
