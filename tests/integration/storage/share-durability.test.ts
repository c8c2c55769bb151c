import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShareSnapshot } from '@/lib/protocol/share';
import { closeDatabase, getDatabase } from '@/lib/store/database';
import { simulatedRunMessage } from '../../support/share-fixtures';
import { getShareResponse, postShare, shareRowCount, useTemporaryDatabase } from './share-api';

const { url } = useTemporaryDatabase();

const CONCURRENT_SHARES = 200;
let snapshots: ShareSnapshot[];
let ids: string[];

beforeAll(async () => {
  const run = await simulatedRunMessage('Why is the sky blue?');
  // Each share differs, so a row read back under the wrong id would show.
  snapshots = Array.from({ length: CONCURRENT_SHARES }, (_, index) => ({
    version: 1,
    messages: [{ role: 'user', text: `Question ${index}: why is the sky blue?` }, run],
  }));
});

async function readBack(id: string): Promise<ShareSnapshot> {
  const response = await getShareResponse(id);
  expect(response.status).toBe(200);
  return (await response.json()).snapshot;
}

describe('durability of shares', () => {
  it('stores 200 shares created at once, each under its own id', async () => {
    const responses = await Promise.all(snapshots.map((snapshot) => postShare({ messages: snapshot.messages })));
    expect(responses.map((response) => response.status)).toEqual(Array(CONCURRENT_SHARES).fill(201));
    ids = await Promise.all(responses.map(async (response) => (await response.json()).id as string));
    expect(new Set(ids).size).toBe(CONCURRENT_SHARES);
    expect(await shareRowCount()).toBe(CONCURRENT_SHARES);
  });

  it('reads every one of them back identical', async () => {
    const readSnapshots = await Promise.all(ids.map(readBack));
    expect(readSnapshots).toEqual(snapshots);
  });

  it('still has them all after a restart, through a fresh client', async () => {
    await closeDatabase();
    const reopened = await getDatabase();
    expect(reopened.closed).toBe(false);
    expect(await Promise.all(ids.map(readBack))).toEqual(snapshots);
  });

  it('has them all in the file for another client that opens it', async () => {
    await closeDatabase();
    const other = createClient({ url });
    try {
      const { rows } = await other.execute('SELECT count(*) AS count FROM shares WHERE snapshot IS NOT NULL');
      expect(Number(rows[0]?.count)).toBe(CONCURRENT_SHARES);
    } finally {
      other.close();
    }
  });
});
