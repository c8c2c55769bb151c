import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { expect, it } from 'vitest';
import { getConversation, listConversations, renameConversation } from '@/lib/client/conversation-queries';

it('opens a database of the earlier layout (conversations alone) with every conversation listed, newest first', async () => {
  // The layout earlier versions of the app wrote: one store, indexed by `updatedAt`, at version 10.
  const earlier = await openDB('moa-studio', 10, {
    upgrade(database) {
      database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    },
  });
  const stored = (id: string, updatedAt: number) => ({ id, title: `Title ${id}`, createdAt: 1, updatedAt, nodes: [], leafId: null });
  await earlier.put('conversations', stored('older', 10));
  await earlier.put('conversations', stored('newer', 20));
  earlier.close();

  expect(await listConversations()).toEqual([
    { id: 'newer', title: 'Title newer', createdAt: 1, updatedAt: 20 },
    { id: 'older', title: 'Title older', createdAt: 1, updatedAt: 10 },
  ]);
  await renameConversation('older', 'Renamed');
  expect((await getConversation('older'))?.title).toBe('Renamed');
  expect((await listConversations()).map((entry) => entry.title)).toEqual(['Title newer', 'Renamed']);
});
