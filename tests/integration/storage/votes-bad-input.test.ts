import { beforeAll, describe, expect, it } from 'vitest';
import { VOTE_LIMITS } from '@/lib/protocol/vote';
import { useTemporaryDatabase } from './share-api';
import { postVote, validVote, voteRows } from './votes-api';

useTemporaryDatabase();

beforeAll(async () => {
  // The table exists and is empty, so "nothing written" below is a real count.
  expect(await voteRows()).toEqual([]);
});

async function errorOf(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe('POST /api/votes refuses bad input', () => {
  it.each([
    ['vote', { vote: 'maybe' }],
    ['vote', { vote: 1 }],
    ['comparisonId', { comparisonId: 'run-1' }],
    ['receipt', { receipt: 'not a receipt' }],
    ['receipt', { receipt: 42 }],
    ['receipt', { receipt: `${'a'.repeat(9000)}.b` }],
  ])('answers 400 naming %s', async (field, overrides) => {
    const result = await errorOf(await postVote({ ...(await validVote()), ...overrides }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field } });
  });

  it('answers 400 naming a missing receipt', async () => {
    const { receipt: _receipt, ...vote } = await validVote();
    expect(await errorOf(await postVote(vote))).toMatchObject({ status: 400, body: { field: 'receipt' } });
  });

  it('answers 400 naming a field a vote no longer takes: figures come from the receipt', async () => {
    const vote = await validVote();
    const result = await errorOf(await postVote({ ...vote, moa: { timeMs: 1, cost: 0 } }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'moa' } });
  });

  it('answers 400 naming an unknown field, such as the question text', async () => {
    const result = await errorOf(await postVote({ ...(await validVote()), question: 'Why is the sky blue?' }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'question' } });
  });

  it('answers 400 invalid_json for malformed JSON and for no body', async () => {
    expect(await errorOf(await postVote('{"vote": "moa",'))).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    expect(await errorOf(await postVote(''))).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
  });

  it('answers 400 for a body that is not an object', async () => {
    expect((await errorOf(await postVote('["moa"]'))).status).toBe(400);
    expect((await errorOf(await postVote('null'))).status).toBe(400);
  });

  it('answers 413 for a body over 16 KB', async () => {
    const { claims: _claims, ...vote } = await validVote();
    const body = JSON.stringify({ ...vote, padding: 'a'.repeat(VOTE_LIMITS.bodyBytes) });
    expect(await errorOf(await postVote(body))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('answers 413 from a declared Content-Length alone', async () => {
    const response = await postVote(await validVote(), { 'content-length': String(VOTE_LIMITS.bodyBytes + 1) });
    expect(await errorOf(response)).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('answers 415 for a body not sent as JSON', async () => {
    const response = await postVote('vote=moa', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await errorOf(response)).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
  });

  it('answers without a stack or internals in any error', async () => {
    const response = await postVote('{"vote":');
    const text = await response.text();
    expect(text).not.toMatch(/at .+\(|node_modules|SyntaxError/);
  });
});

describe('after every refused request', () => {
  it('has written nothing', async () => {
    expect(await voteRows()).toEqual([]);
  });
});
