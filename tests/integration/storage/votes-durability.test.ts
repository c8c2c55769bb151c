import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { closeDatabase } from '@/lib/store/database';
import { listVotes } from '@/lib/store/votes';
import { useTemporaryDatabase } from './share-api';
import { postVote, validVote, voteRows } from './votes-api';

const { file } = useTemporaryDatabase();

const CONCURRENT_VOTES = 100;

/** Every byte the database keeps on disk, the write-ahead log included, once the client has let go of it. */
async function databaseBytes(): Promise<string> {
  await closeDatabase();
  const parts = await Promise.all(['', '-wal'].map((suffix) => readFile(`${file}${suffix}`).catch(() => Buffer.alloc(0))));
  return Buffer.concat(parts).toString('latin1');
}

describe('votes at once and what they keep', () => {
  it('records 100 votes on different comparisons sent at once, each once', async () => {
    const votes = await Promise.all(
      Array.from({ length: CONCURRENT_VOTES }, (_, index) =>
        validVote({ vote: index % 2 === 0 ? 'moa' : 'baseline', claims: { questionLength: index } }),
      ),
    );
    const responses = await Promise.all(votes.map((vote) => postVote(vote)));
    expect(responses.map((response) => response.status)).toEqual(Array(CONCURRENT_VOTES).fill(201));

    const stored = await listVotes();
    expect(stored).toHaveLength(CONCURRENT_VOTES);
    const byComparison = new Map(stored.map((vote) => [vote.comparisonId, vote]));
    for (const vote of votes) {
      expect(byComparison.get(vote.comparisonId)).toMatchObject({ vote: vote.vote, questionLength: vote.claims.questionLength });
    }
  });

  it('keeps no IP address or other header value, in the rows or anywhere in the file', async () => {
    const ip = '203.0.113.7';
    const userAgent = 'Mozilla/5.0 (VoteTest; canary-agent)';
    const vote = await validVote({ claims: { baselineModel: 'together:canary/baseline-model-0001' } });
    const response = await postVote(vote, {
      'x-forwarded-for': ip,
      'x-real-ip': ip,
      'user-agent': userAgent,
      cookie: 'session=canary-cookie',
    });
    expect(response.status).toBe(201);

    const rows = await voteRows();
    const row = rows.find((candidate) => candidate.comparison_id === vote.comparisonId);
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'comparison_id',
        'created_at',
        'issued_at',
        'mode',
        'simulated',
        'vote',
        'preset',
        'moa_models',
        'baseline_model',
        'question_length',
        'moa_time_ms',
        'moa_cost',
        'baseline_time_ms',
        'baseline_cost',
      ].sort(),
    );
    const stored = JSON.stringify(rows);
    for (const secret of [ip, 'canary-agent', 'canary-cookie']) expect(stored).not.toContain(secret);

    const bytes = await databaseBytes();
    // The bytes read are the votes': the receipt's model id is there in clear, the headers are not.
    expect(bytes).toContain('canary/baseline-model-0001');
    for (const secret of [ip, 'canary-agent', 'canary-cookie']) expect(bytes).not.toContain(secret);
  });
});
