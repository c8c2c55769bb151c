type ConversationQueries = typeof import('./conversation-queries');

let loading: Promise<ConversationQueries> | undefined;

/**
 * The conversation store, loaded on first use: Dexie is about 25 KB gzipped, and keeping it out of the page's first
 * JavaScript lets the chat paint and take input before IndexedDB is needed.
 */
export function loadConversationQueries(): Promise<ConversationQueries> {
  loading ??= import('./conversation-queries');
  return loading;
}
