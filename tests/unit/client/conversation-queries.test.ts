import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { conversationDatabase } from '@/lib/client/conversation-database';
import {
  addConversation,
  deleteConversation,
  getConversation,
  LEGACY_CONVERSATION_KEY,
  listConversations,
  migrateLegacyConversation,
  renameConversation,
  restoreConversation,
  saveMessages,
  watchConversations,
} from '@/lib/client/conversation-queries';
import { activePath, createConversation, withPath } from '@/lib/client/conversation-tree';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

const user = (id: string, text: string): MoaUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const answer = (id: string, text: string): MoaUIMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] });

/** A Storage in memory, as the browser's localStorage behaves. */
function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

beforeEach(async () => {
  const database = await conversationDatabase();
  await Promise.all([database.clear('conversations'), database.clear('summaries')]);
});

describe('conversation queries', () => {
  it('lists conversations most recently active first', async () => {
    await addConversation(createConversation({ id: 'old', messages: [user('u1', 'Old question')], now: 1 }));
    await addConversation(createConversation({ id: 'new', messages: [user('u2', 'New question')], now: 2 }));
    expect((await listConversations()).map((summary) => summary.id)).toEqual(['new', 'old']);

    const old = await getConversation('old');
    await saveMessages(withPath(old!, [user('u1', 'Old question'), answer('a1', 'Answer')], 3));
    expect((await listConversations()).map((summary) => summary.id)).toEqual(['old', 'new']);
  });

  it('tells a watcher the list now and after every change, until it stops watching', async () => {
    const lists: string[][] = [];
    const next = () =>
      new Promise<void>((resolve) => {
        const seen = lists.length;
        const wait = () => (lists.length > seen ? resolve() : setTimeout(wait, 1));
        wait();
      });
    let shown = next();
    const stop = watchConversations({ search: '' }, (list) => lists.push(list.map((summary) => summary.title)));
    await shown;
    shown = next();
    await addConversation(createConversation({ id: 'a', messages: [user('u1', 'First')], now: 1 }));
    await shown;
    shown = next();
    await renameConversation('a', 'Renamed');
    await shown;
    expect(lists).toEqual([[], ['First'], ['Renamed']]);
    stop();
    await deleteConversation('a');
    expect(await listConversations()).toEqual([]);
    expect(lists).toHaveLength(3);
  });

  it('finds conversations by title and by the text of any message, ignoring case', async () => {
    await addConversation(
      createConversation({
        id: 'sky',
        messages: [user('u1', 'Why is the sky blue?'), answer('a1', 'Rayleigh scattering.')],
        now: 1,
      }),
    );
    await addConversation(createConversation({ id: 'tea', messages: [user('u2', 'How to brew tea?')], now: 2 }));
    expect((await listConversations({ search: 'SKY' })).map((summary) => summary.id)).toEqual(['sky']);
    expect((await listConversations({ search: 'rayleigh' })).map((summary) => summary.id)).toEqual(['sky']);
    expect(await listConversations({ search: 'coffee' })).toEqual([]);
  });

  it('renames a conversation, and a later save of its messages keeps the new title', async () => {
    const conversation = createConversation({ id: 'c', messages: [user('u1', 'Question')], now: 1 });
    await addConversation(conversation);
    await renameConversation('c', '  My   chat ');
    await saveMessages(withPath(conversation, [user('u1', 'Question'), answer('a1', 'Answer')], 2));
    const stored = await getConversation('c');
    expect(stored?.title).toBe('My chat');
    expect(activePath(stored!)).toHaveLength(2);
  });

  it('ignores a rename to nothing but spaces', async () => {
    await addConversation(createConversation({ id: 'c', messages: [user('u1', 'Question')], now: 1 }));
    await renameConversation('c', '   ');
    expect((await getConversation('c'))?.title).toBe('Question');
  });

  it('deletes a conversation and restores it whole on undo', async () => {
    const conversation = createConversation({
      id: 'c',
      messages: [user('u1', 'Question'), answer('a1', 'Answer')],
      now: 1,
    });
    await addConversation(conversation);
    const deleted = await deleteConversation('c');
    expect(await listConversations()).toEqual([]);
    await restoreConversation(deleted!);
    expect(await getConversation('c')).toEqual(conversation);
  });

  it('does not bring a deleted conversation back when the chat saves it again', async () => {
    const conversation = createConversation({ id: 'c', messages: [user('u1', 'Question')], now: 1 });
    await addConversation(conversation);
    await deleteConversation('c');
    await saveMessages(withPath(conversation, [user('u1', 'Question'), answer('a1', 'Answer')], 2));
    expect(await getConversation('c')).toBeUndefined();
  });

  it('moves the localStorage conversation into IndexedDB once and removes the old key', async () => {
    const storage = memoryStorage({
      [LEGACY_CONVERSATION_KEY]: JSON.stringify({
        messages: [user('u1', 'Kept question'), answer('a1', 'Kept answer')],
      }),
    });
    const id = await migrateLegacyConversation({ storage, newId: () => 'migrated', now: 5 });
    expect(id).toBe('migrated');
    expect(storage.getItem(LEGACY_CONVERSATION_KEY)).toBeNull();
    const stored = await getConversation('migrated');
    expect(stored?.title).toBe('Kept question');
    expect(activePath(stored!).map((message) => message.id)).toEqual(['u1', 'a1']);

    expect(await migrateLegacyConversation({ storage, newId: () => 'again', now: 6 })).toBeUndefined();
    expect(await listConversations()).toHaveLength(1);
  });

  it('drops a legacy entry that is not a conversation without storing anything', async () => {
    const storage = memoryStorage({ [LEGACY_CONVERSATION_KEY]: '{not json' });
    expect(await migrateLegacyConversation({ storage, newId: () => 'x', now: 1 })).toBeUndefined();
    expect(storage.getItem(LEGACY_CONVERSATION_KEY)).toBeNull();
    expect(await listConversations()).toEqual([]);
  });
});
