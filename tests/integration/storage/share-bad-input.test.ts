import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SHARE_LIMITS, type ShareSnapshot } from '@/lib/protocol/share';
import { closeDatabase } from '@/lib/store/database';
import { simulatedSnapshot } from '../../support/share-fixtures';
import {
  deleteShareResponse,
  getShareResponse,
  postShare,
  shareRowCount,
  useTemporaryDatabase,
} from './share-api';

const { url } = useTemporaryDatabase();

let snapshot: ShareSnapshot;
let rowsBefore: number;
beforeAll(async () => {
  snapshot = await simulatedSnapshot('Why is the sky blue?');
  expect((await postShare({ messages: snapshot.messages })).status).toBe(201);
  rowsBefore = await shareRowCount();
});

async function errorOf(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe('POST /api/shares refuses bad input', () => {
  it('answers 413 for a body over the byte limit', async () => {
    const body = JSON.stringify({ messages: [{ role: 'user', text: 'a'.repeat(SHARE_LIMITS.bodyBytes) }] });
    expect(await errorOf(await postShare(body))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('answers 413 for a conversation over 1 MB once validated, though its body is within the limit', async () => {
    const question = 'b'.repeat(30_000);
    const messages = Array.from({ length: 40 }, () => ({ role: 'user', text: question }));
    const body = JSON.stringify({ messages });
    expect(body.length).toBeLessThan(SHARE_LIMITS.bodyBytes);
    expect(body.length).toBeGreaterThan(SHARE_LIMITS.snapshotBytes);
    expect(await errorOf(await postShare(body))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('answers 400 invalid_json for malformed JSON', async () => {
    expect(await errorOf(await postShare('{"messages": ['))).toMatchObject({
      status: 400,
      body: { code: 'invalid_json' },
    });
  });

  it('answers 415 for a body not sent as JSON', async () => {
    const response = await postShare('messages=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await errorOf(response)).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
  });

  it('answers 400 naming the field of a wrong type', async () => {
    const result = await errorOf(await postShare({ messages: [{ role: 'user', text: 42 }] }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'messages.0.text' } });
  });

  it('answers 400 naming a data part whose data has the wrong shape', async () => {
    const assistant = { role: 'assistant', parts: [{ type: 'data-agent', id: 'L1.1', data: { status: 'asleep' } }] };
    const result = await errorOf(await postShare({ messages: [snapshot.messages[0], assistant] }));
    expect(result.status).toBe(400);
    expect(result.body.field).toMatch(/^messages\.1\.parts\.0/);
  });

  it('answers 400 naming an unknown field at the top', async () => {
    const result = await errorOf(await postShare({ messages: snapshot.messages, title: 'Sky' }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'title' } });
  });

  it('answers 400 naming an unknown field inside a message', async () => {
    const result = await errorOf(await postShare({ messages: [{ role: 'user', text: 'Hi', apiKey: 'sk-1' }] }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'messages.0.apiKey' } });
  });

  it('answers 400 for an empty conversation and for a body that is not an object', async () => {
    expect((await errorOf(await postShare({ messages: [] }))).status).toBe(400);
    expect((await errorOf(await postShare('[1, 2]'))).status).toBe(400);
  });
});

describe('/api/shares/<id> refuses ids that are not share ids without touching the database', () => {
  const malformed = ['../etc', 'a/b', '%2e%2e', '..', '', `${'A'.repeat(20)}/b`, `${'A'.repeat(22)}/..`, 'A'.repeat(23)];

  // While the store points at a URL it cannot open, any query would fail with 500: a 404 proves none was made.
  beforeAll(async () => {
    await closeDatabase();
    vi.stubEnv('LIBSQL_URL', 'unreachable:nowhere');
  });
  afterAll(async () => {
    await closeDatabase();
    vi.stubEnv('LIBSQL_URL', url);
  });

  it('would answer 500 for a well-formed id while the database cannot be opened', async () => {
    const result = await errorOf(await getShareResponse('A'.repeat(22)));
    expect(result).toMatchObject({ status: 500, body: { code: 'internal' } });
    expect(JSON.stringify(result.body)).not.toContain('unreachable');
  });

  it.each(malformed)('answers GET %j with 404 not_found', async (id) => {
    expect(await errorOf(await getShareResponse(id))).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it.each(malformed)('answers DELETE %j with 404 not_found', async (id) => {
    const response = await deleteShareResponse(id, 'A'.repeat(43));
    expect(await errorOf(response)).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});

describe('after every refused request', () => {
  it('has written nothing', async () => {
    expect(await shareRowCount()).toBe(rowsBefore);
  });
});
