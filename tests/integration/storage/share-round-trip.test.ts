import { beforeAll, describe, expect, it } from 'vitest';
import type { ShareSnapshot } from '@/lib/protocol/share';
import { getDatabase } from '@/lib/store/database';
import { getShare } from '@/lib/store/shares';
import { simulatedSnapshot } from '../../support/share-fixtures';
import { deleteShareResponse, getShareResponse, postShare, useTemporaryDatabase } from './share-api';

useTemporaryDatabase();

let snapshot: ShareSnapshot;
beforeAll(async () => {
  snapshot = await simulatedSnapshot('Why is the sky blue?');
});

async function createOne(): Promise<{ id: string; url: string; deleteToken: string }> {
  const response = await postShare({ messages: snapshot.messages });
  expect(response.status).toBe(201);
  return response.json();
}

describe('shared conversations through the routes', () => {
  it('answers 201 with the id, the page path and a delete token, never cached', async () => {
    const response = await postShare({ messages: snapshot.messages });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.url).toBe(`/s/${body.id}`);
    expect(body.deleteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.get('location')).toBe(`/api/shares/${body.id}`);
  });

  it('reads back exactly the snapshot that was shared', async () => {
    const before = Date.now();
    const { id } = await createOne();
    const response = await getShareResponse(id);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ id, createdAt: expect.any(Number), snapshot });
    expect(body.createdAt).toBeGreaterThanOrEqual(before);
    expect(body.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('keeps a summary of the run for listings and cards', async () => {
    const { id } = await createOne();
    const result = await getShare(id);
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.share.summary).toEqual({
      firstQuestion: 'Why is the sky blue?',
      preset: 'simulated',
      turnCount: 1,
      layerCount: 3,
      agentCount: 13,
      totalMs: expect.any(Number),
      byteSize: new TextEncoder().encode(JSON.stringify(snapshot)).byteLength,
    });
  });

  it('deletes with the right token, then answers 404 deleted', async () => {
    const { id, deleteToken } = await createOne();
    const deleted = await deleteShareResponse(id, deleteToken);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');

    const response = await getShareResponse(id);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'deleted' });
  });

  it('answers 404 deleted for a share read just before, though the server keeps recent snapshots in memory', async () => {
    const { id, deleteToken } = await createOne();
    expect((await getShareResponse(id)).status).toBe(200);
    expect((await getShareResponse(id)).status).toBe(200);
    expect((await deleteShareResponse(id, deleteToken)).status).toBe(204);
    const response = await getShareResponse(id);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'deleted' });
  });

  it('keeps only a tombstone of a deleted share', async () => {
    const { id, deleteToken } = await createOne();
    await deleteShareResponse(id, deleteToken);
    const database = await getDatabase();
    const { rows } = await database.execute({ sql: 'SELECT * FROM shares WHERE id = ?', args: [id] });
    expect(rows).toHaveLength(1);
    const { id: keptId, format_version, created_at, deleted_at, ...cleared } = rows[0]!;
    expect({ keptId, format_version, created_at, deleted_at }).toEqual({
      keptId: id,
      format_version: 1,
      created_at: expect.any(Number),
      deleted_at: expect.any(Number),
    });
    expect(Object.values(cleared).every((value) => value === null)).toBe(true);
  });

  it('refuses a wrong token with 403 and the share still reads back', async () => {
    const { id, deleteToken } = await createOne();
    const other = await createOne();
    const oneCharacterOff = `${deleteToken.slice(0, -1)}${deleteToken.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [other.deleteToken, oneCharacterOff, 'not-a-token', `${deleteToken}x`]) {
      const response = await deleteShareResponse(id, token);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'forbidden' });
    }
    expect((await getShareResponse(id)).status).toBe(200);
    expect((await (await getShareResponse(id)).json()).snapshot).toEqual(snapshot);
  });

  it('refuses a delete without an Authorization header with 403', async () => {
    const { id } = await createOne();
    const response = await deleteShareResponse(id);
    expect(response.status).toBe(403);
    expect((await getShareResponse(id)).status).toBe(200);
  });

  it('answers 404 not_found to a second delete, whose token went with the share', async () => {
    const { id, deleteToken } = await createOne();
    expect((await deleteShareResponse(id, deleteToken)).status).toBe(204);
    const again = await deleteShareResponse(id, deleteToken);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers 404 not_found for a well-formed id that was never shared', async () => {
    const id = 'A'.repeat(22);
    const response = await getShareResponse(id);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
    expect((await deleteShareResponse(id, 'B'.repeat(43))).status).toBe(404);
  });
});
