import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDatabase } from '@/lib/store/database';
import { simulatedSnapshot } from '../../support/share-fixtures';
import { postShare, useTemporaryDatabase } from './share-api';

const { file } = useTemporaryDatabase();

const SECRET = 'sk-secret';
let created: { id: string; deleteToken: string };
let responseText: string;

beforeAll(async () => {
  const snapshot = await simulatedSnapshot('Question about the sky: why is it blue?');
  const response = await postShare(
    { messages: snapshot.messages },
    { 'x-moa-key-together': SECRET, authorization: `Bearer ${SECRET}-bearer`, cookie: `session=${SECRET}-cookie` },
  );
  expect(response.status).toBe(201);
  responseText = await response.text();
  created = JSON.parse(responseText);
});

/** Every byte the database keeps on disk, the write-ahead log included, once the client has let go of it. */
async function databaseBytes(): Promise<string> {
  await closeDatabase();
  const parts = await Promise.all(
    ['', '-wal'].map((suffix) => readFile(`${file}${suffix}`).catch(() => Buffer.alloc(0))),
  );
  return Buffer.concat(parts).toString('latin1');
}

async function storedRow(): Promise<Record<string, unknown>> {
  const database = await getDatabase();
  const { rows } = await database.execute({ sql: 'SELECT * FROM shares WHERE id = ?', args: [created.id] });
  return { ...rows[0] };
}

describe('what a share stores', () => {
  it('keeps no request header value, in the rows or anywhere in the file', async () => {
    expect(JSON.stringify(await storedRow())).not.toContain(SECRET);
    const bytes = await databaseBytes();
    // The bytes read are the share's: its question is there in clear, the key is not.
    expect(bytes).toContain(`Question about the sky`);
    expect(bytes).not.toContain(SECRET);
    expect(responseText).not.toContain(SECRET);
  });

  it('keeps the delete token only as its SHA-256', async () => {
    const row = await storedRow();
    expect(row.delete_token_hash).toBe(createHash('sha256').update(created.deleteToken).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.deleteToken);
    expect(await databaseBytes()).not.toContain(created.deleteToken);
  });
});
