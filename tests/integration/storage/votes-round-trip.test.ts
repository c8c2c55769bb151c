import { describe, expect, it } from 'vitest';
import { listVotes } from '@/lib/store/votes';
import { useTemporaryDatabase } from './share-api';
import { postVote, validVote, voteRows } from './votes-api';

useTemporaryDatabase();

async function rowsFor(comparisonId: string) {
  return (await voteRows()).filter((row) => row.comparison_id === comparisonId);
}

describe('votes through the route', () => {
  it('answers 201 { recorded: true }, never cached', async () => {
    const response = await postVote(await validVote());
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ recorded: true });
  });

  it('reads back the choice, and everything else from the receipt', async () => {
    const vote = await validVote({ vote: 'tie', claims: { preset: 'moa', questionLength: 1234, mode: 'open' } });
    const before = Date.now();
    expect((await postVote(vote)).status).toBe(201);
    const stored = (await listVotes()).find((row) => row.comparisonId === vote.comparisonId);
    expect(stored).toEqual({
      createdAt: expect.any(Number),
      comparisonId: vote.comparisonId,
      mode: 'open',
      vote: 'tie',
      preset: 'moa',
      moaModels: vote.claims.moaModels,
      baselineModel: vote.claims.baselineModel,
      questionLength: 1234,
      moa: { timeMs: vote.claims.moa.timeMs, cost: vote.claims.moa.cost },
      baseline: { timeMs: vote.claims.baseline.timeMs, cost: vote.claims.baseline.cost },
      simulated: false,
    });
    expect(stored?.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('stores a comparison without a preset, from custom settings, with a null preset', async () => {
    const vote = await validVote({ claims: { preset: undefined } });
    expect((await postVote(vote)).status).toBe(201);
    expect((await rowsFor(vote.comparisonId))[0]?.preset).toBeNull();
  });

  it('marks a vote as simulated when the receipt says a side ran on the simulator', async () => {
    const vote = await validVote({ claims: { preset: 'simulated', simulated: true } });
    expect((await postVote(vote)).status).toBe(201);
    expect((await listVotes()).find((row) => row.comparisonId === vote.comparisonId)?.simulated).toBe(true);
  });

  it('answers 409 already_voted to a second vote on the comparison, from anyone, and the first vote stands', async () => {
    const first = await validVote({ vote: 'moa' });
    expect((await postVote(first)).status).toBe(201);
    const second = await postVote({ ...first, vote: 'baseline' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'already_voted' });
    const rows = await rowsFor(first.comparisonId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.vote).toBe('moa');
  });

  it('takes the comparison id in upper case as the same comparison', async () => {
    const first = await validVote();
    expect((await postVote({ ...first, comparisonId: first.comparisonId.toUpperCase() })).status).toBe(201);
    expect((await postVote(first)).status).toBe(409);
    expect(await rowsFor(first.comparisonId)).toHaveLength(1);
  });

  it('records exactly one of ten identical votes sent at once', async () => {
    const vote = await validVote();
    const responses = await Promise.all(Array.from({ length: 10 }, () => postVote(vote)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(await rowsFor(vote.comparisonId)).toHaveLength(1);
  });
});
