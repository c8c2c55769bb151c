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
    const response = await postVote(validVote());
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ recorded: true });
  });

  it('reads back every field of the vote', async () => {
    const vote = validVote({ vote: 'tie', preset: 'moa', questionLength: 1234 });
    const before = Date.now();
    expect((await postVote(vote)).status).toBe(201);
    const stored = (await listVotes()).find((row) => row.comparisonId === vote.comparisonId);
    expect(stored).toEqual({
      id: expect.any(Number),
      createdAt: expect.any(Number),
      comparisonId: vote.comparisonId,
      browserId: vote.browserId,
      vote: 'tie',
      preset: 'moa',
      moaModels: vote.moaModels,
      baselineModel: vote.baselineModel,
      questionLength: 1234,
      moa: vote.moa,
      baseline: vote.baseline,
      simulated: false,
    });
    expect(stored?.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('stores a vote without a preset, from custom settings, with a null preset', async () => {
    const { preset: _preset, ...vote } = validVote();
    expect((await postVote(vote)).status).toBe(201);
    expect((await rowsFor(vote.comparisonId))[0]?.preset).toBeNull();
  });

  it('marks a vote as simulated when either side ran on the simulator', async () => {
    const vote = validVote({ preset: 'simulated', moaModels: ['simulator:qwen-72b'], baselineModel: 'simulator:qwen-72b' });
    expect((await postVote(vote)).status).toBe(201);
    expect((await listVotes()).find((row) => row.comparisonId === vote.comparisonId)?.simulated).toBe(true);
  });

  it('answers 409 already_voted to a second vote from the same browser, and the first vote stands', async () => {
    const first = validVote({ vote: 'moa' });
    expect((await postVote(first)).status).toBe(201);
    const second = await postVote({ ...first, vote: 'baseline' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'already_voted' });
    const rows = await rowsFor(first.comparisonId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.vote).toBe('moa');
  });

  it('counts the same comparison id in upper case as the same comparison', async () => {
    const first = validVote();
    expect((await postVote(first)).status).toBe(201);
    const shouted = await postVote({ ...first, comparisonId: first.comparisonId.toUpperCase() });
    expect(shouted.status).toBe(409);
    expect(await rowsFor(first.comparisonId)).toHaveLength(1);
  });

  it('records a vote of another browser on the same comparison, and of the same browser on another one', async () => {
    const first = validVote();
    expect((await postVote(first)).status).toBe(201);
    expect((await postVote({ ...first, browserId: `other-${crypto.randomUUID()}` })).status).toBe(201);
    expect((await postVote({ ...first, comparisonId: crypto.randomUUID() })).status).toBe(201);
    expect(await rowsFor(first.comparisonId)).toHaveLength(2);
  });

  it('records exactly one of ten identical votes sent at once', async () => {
    const vote = validVote();
    const responses = await Promise.all(Array.from({ length: 10 }, () => postVote(vote)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(await rowsFor(vote.comparisonId)).toHaveLength(1);
  });
});
