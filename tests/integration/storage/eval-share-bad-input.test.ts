import { beforeAll, describe, expect, it } from 'vitest';
import { EVAL_SHARE_LIMITS } from '@/lib/eval/share/eval-share';
import { SHARE_QUESTIONS, shareRecords } from '../../support/eval-share-fixtures';
import { evalShareRowCount, postEvalShare } from './eval-share-api';
import { useTemporaryDatabase } from './share-api';

useTemporaryDatabase();

let rowsBefore: number;
beforeAll(async () => {
  rowsBefore = await evalShareRowCount();
});

async function errorOf(response: Response) {
  return { status: response.status, body: await response.json() };
}

const valid = () => ({ records: shareRecords(), questions: SHARE_QUESTIONS });

describe('POST /api/eval-shares refuses bad input', () => {
  it('answers 400 naming the field of a record with the wrong shape', async () => {
    const body = valid();
    const records = body.records.map((record, index) => (index === 1 ? { ...record, turns: 'none' } : record));
    expect(await errorOf(await postEvalShare({ ...body, records }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'records.1.turns' },
    });
  });

  it('answers 400 when the header is not the first record', async () => {
    const body = valid();
    const result = await errorOf(
      await postEvalShare({ ...body, records: [...body.records.slice(1), body.records[0]] }),
    );
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'records.0.type' } });
  });

  it('answers 400 naming a record of a question the report does not cover', async () => {
    const result = await errorOf(await postEvalShare({ ...valid(), questions: SHARE_QUESTIONS.slice(0, 3) }));
    expect(result.status).toBe(400);
    expect(result.body.field).toMatch(/^records\.\d+\.questionId$/);
    expect(result.body.message).toContain('q-writing-2');
  });

  it('answers 400 naming a question the header does not list', async () => {
    const questions = [...SHARE_QUESTIONS, { id: 'extra', category: 'math', turns: ['Hi'] }];
    expect(await errorOf(await postEvalShare({ ...valid(), questions }))).toMatchObject({
      status: 400,
      body: { field: 'questions.4.id' },
    });
  });

  it('answers 400 naming a record of a contestant the run does not have', async () => {
    const body = valid();
    const records = body.records.map((record, index) =>
      index === 2 ? { ...record, contestantId: 'stranger' } : record,
    );
    expect(await errorOf(await postEvalShare({ ...body, records }))).toMatchObject({
      status: 400,
      body: { field: 'records.2.contestantId' },
    });
  });

  it('answers 400 naming an unknown field at the top', async () => {
    expect(await errorOf(await postEvalShare({ ...valid(), title: 'mine' }))).toMatchObject({
      status: 400,
      body: { field: 'title' },
    });
  });

  it('answers 400 invalid_json for malformed JSON and 400 for a body that is not an object', async () => {
    expect(await errorOf(await postEvalShare('{"records": ['))).toMatchObject({
      status: 400,
      body: { code: 'invalid_json' },
    });
    expect((await postEvalShare('[1, 2]')).status).toBe(400);
  });

  it('answers 415 for a body not sent as application/json', async () => {
    const response = await postEvalShare(valid(), { 'content-type': 'text/plain; application/json' });
    expect(await errorOf(response)).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
  });

  it('answers 413 for a body over the byte limit', async () => {
    const body = valid();
    const huge = body.records.map((record, index) =>
      index === 1 && record.type === 'answer'
        ? { ...record, turns: [{ ...record.turns[0], text: 'x'.repeat(EVAL_SHARE_LIMITS.bodyBytes) }] }
        : record,
    );
    expect(await errorOf(await postEvalShare({ ...body, records: huge }))).toMatchObject({
      status: 413,
      body: { code: 'payload_too_large' },
    });
  });

  it('answers 403 cross_site for a body sent from another website', async () => {
    const response = await postEvalShare(valid(), { origin: 'https://evil.example', host: 'moa.example.com' });
    expect(await errorOf(response)).toMatchObject({ status: 403, body: { code: 'cross_site' } });
  });

  it('has written nothing for any of them', async () => {
    expect(await evalShareRowCount()).toBe(rowsBefore);
  });
});
