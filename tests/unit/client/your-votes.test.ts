import { describe, expect, it } from 'vitest';
import { ownVotes } from '@/lib/client/your-votes';
import { toBase64url, type ReceiptClaims } from '@/lib/protocol/comparison-receipt';

/** A token with these claims; the page reads claims without checking the signature, so any signature will do. */
function token(overrides: Partial<ReceiptClaims>): string {
  const claims: ReceiptClaims = {
    version: 1,
    comparisonId: '6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e',
    issuedAt: 1_000,
    mode: 'blind',
    moaLabel: 'B',
    preset: 'moa-lite',
    moaModels: ['together:a'],
    baselineModel: 'together:b',
    simulated: false,
    questionLength: 3,
    questionHash: 'q',
    moa: { timeMs: 1, tokens: 1, cost: 0, answerHash: 'm' },
    baseline: { timeMs: 1, tokens: 1, cost: 0, answerHash: 'b' },
    ...overrides,
  };
  return `${toBase64url(new TextEncoder().encode(JSON.stringify(claims)))}.c2lnbmF0dXJl`;
}

describe('this browser’s votes on the stats page', () => {
  it('says which count and why the others do not, newest first', () => {
    const votes = ownVotes({
      counted: { vote: 'moa', outcome: 'recorded', receipt: token({ issuedAt: 5 }) },
      simulated: { vote: 'tie', outcome: 'recorded', receipt: token({ issuedAt: 4, simulated: true, mode: 'open' }) },
      open: { vote: 'baseline', outcome: 'recorded', receipt: token({ issuedAt: 3, mode: 'open' }) },
      second: { vote: 'moa', outcome: 'already-voted', receipt: token({ issuedAt: 2 }) },
      old: { vote: 'both-bad' },
      revealedOnly: { revealed: true },
    });
    expect(votes.map(({ comparisonId, counted, reason }) => [comparisonId, counted, reason?.split(/[,:]/)[0]])).toEqual([
      ['counted', true, undefined],
      ['simulated', false, 'the comparison ran on simulated models'],
      ['open', false, 'an open comparison'],
      ['second', false, 'this comparison already had a vote'],
      ['old', false, 'cast before votes needed the server’s receipt'],
    ]);
    expect(votes[0]).toMatchObject({ moaLabel: 'B', preset: 'moa-lite' });
  });
});
