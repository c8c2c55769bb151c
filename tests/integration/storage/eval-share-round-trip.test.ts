import { describe, expect, it } from 'vitest';
import { getEvalShareCard } from '@/lib/store/eval-shares';
import { SHARE_QUESTIONS, shareRecords } from '../../support/eval-share-fixtures';
import { deleteEvalShareResponse, evalShareRowCount, getEvalShareResponse, postEvalShare } from './eval-share-api';
import { useTemporaryDatabase } from './share-api';

useTemporaryDatabase();

async function created() {
  const response = await postEvalShare({ records: shareRecords(), questions: SHARE_QUESTIONS });
  expect(response.status).toBe(201);
  return response.json() as Promise<{ id: string; url: string; deleteToken: string }>;
}

describe('shared evaluation reports', () => {
  it('stores the records and questions and reads them back as they were sent', async () => {
    const { id, url, deleteToken } = await created();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deleteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`/e/${id}`);
    const response = await getEvalShareResponse(id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, records: shareRecords(), questions: SHARE_QUESTIONS });
  });

  it('keeps the headline, the suite and the simulated flag for link previews', async () => {
    const { id } = await created();
    const card = await getEvalShareCard(id);
    expect(card).toMatchObject({ status: 'found', share: { suiteName: 'Quick', simulated: true } });
    expect(card.status === 'found' && card.share.headline).toMatch(/^moa-lite beats single on 70% of Quick/);
  });

  it('gives each report its own id', async () => {
    const [first, second] = await Promise.all([created(), created()]);
    expect(first.id).not.toBe(second.id);
  });

  it('refuses to delete without the token or with another one, and keeps the report', async () => {
    const { id } = await created();
    const other = await created();
    expect((await deleteEvalShareResponse(id)).status).toBe(403);
    const wrong = await deleteEvalShareResponse(id, other.deleteToken);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).code).toBe('forbidden');
    expect((await getEvalShareResponse(id)).status).toBe(200);
  });

  it('deletes with its token, leaving a tombstone that answers 404 deleted', async () => {
    const { id, deleteToken } = await created();
    const rows = await evalShareRowCount();
    expect((await deleteEvalShareResponse(id, deleteToken)).status).toBe(204);
    const gone = await getEvalShareResponse(id);
    expect(gone.status).toBe(404);
    expect((await gone.json()).code).toBe('deleted');
    expect(await evalShareRowCount()).toBe(rows);
    expect((await deleteEvalShareResponse(id, deleteToken)).status).toBe(404);
    expect(await getEvalShareCard(id)).toEqual({ status: 'deleted' });
  });

  it('answers 404 not_found for an id that was never made or is no id at all', async () => {
    for (const id of ['A'.repeat(22), '../etc', '']) {
      const response = await getEvalShareResponse(id);
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe('not_found');
    }
  });
});
