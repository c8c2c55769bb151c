import { describe, expect, it } from 'vitest';
import { comparisonStats } from '@/lib/stats/comparison-stats';
import { listVotes } from '@/lib/store/votes';
import { useTemporaryDatabase } from './share-api';
import { postVote, validVote } from './votes-api';

useTemporaryDatabase();

describe('stats from a seeded votes table', () => {
  it('match a hand-computed win rate, Wilson interval and ratios', async () => {
    // 7 MoA wins, 3 single-model wins, 2 ties and 1 "both bad" for MoA-Lite, through the real route, on receipts
    // of 8.4 s and $0.0061 for MoA against 3 s and $0.0012 (`comparisonClaims`).
    const choices = [...Array(7).fill('moa'), ...Array(3).fill('baseline'), 'tie', 'tie', 'both-bad'];
    for (const vote of choices) {
      expect((await postVote(await validVote({ vote }))).status).toBe(201);
    }
    // Two simulated comparisons and two open ones are counted apart and change nothing else.
    for (const vote of ['baseline', 'baseline'] as const) {
      expect((await postVote(await validVote({ vote, claims: { simulated: true } }))).status).toBe(201);
      expect((await postVote(await validVote({ vote, claims: { mode: 'open' } }))).status).toBe(201);
    }

    const stats = comparisonStats(await listVotes(), []);

    // By hand: rate = (7 + 2/2) / 12 = 0.6667; Wilson 95% with 8 of 12: centre (p + z²/2n)/(1 + z²/n) = 0.6263,
    // half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n) = 0.2356, so [0.3906, 0.8619]. Both bad is left out of n.
    const moaLite = stats.byPreset.find((group) => group.preset === 'moa-lite')!;
    expect(moaLite.votes.counts).toEqual({ moa: 7, baseline: 3, tie: 2, bothBad: 1, total: 13 });
    expect(moaLite.votes.winRate).toMatchObject({ shown: true, n: 12 });
    if (!moaLite.votes.winRate.shown) throw new Error('rate hidden');
    expect(moaLite.votes.winRate.rate).toBeCloseTo(0.6667, 4);
    expect(moaLite.votes.winRate.lower).toBeCloseTo(0.3906, 4);
    expect(moaLite.votes.winRate.upper).toBeCloseTo(0.8619, 4);
    // 8400 / 3000 = 2.8 and 0.0061 / 0.0012 = 5.083 on every vote, so the medians are those.
    expect(moaLite.votes.timeRatio).toMatchObject({ median: 2.8, n: 13 });
    expect(moaLite.votes.costRatio.median).toBeCloseTo(5.0833, 4);
    expect(stats.simulated).toEqual({ votes: 2, judgments: 0 });
    expect(stats.openVotes).toBe(2);
  });
});
