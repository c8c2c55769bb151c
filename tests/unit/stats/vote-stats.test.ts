import { describe, expect, it } from 'vitest';
import type { VoteChoice } from '@/lib/protocol/vote';
import { summarizeVotes, type VoteRow } from '@/lib/stats/vote-stats';
import { wilsonInterval } from '@/lib/stats/wilson';

function vote(choice: VoteChoice, times: [moa: number, baseline: number] = [3000, 1000], costs: [number, number] = [0.03, 0.01]): VoteRow {
  return {
    preset: 'moa-lite',
    mode: 'blind',
    vote: choice,
    moa: { timeMs: times[0], cost: costs[0] },
    baseline: { timeMs: times[1], cost: costs[1] },
  };
}

function repeat(count: number, choice: VoteChoice): VoteRow[] {
  return Array.from({ length: count }, () => vote(choice));
}

describe('summarizing votes', () => {
  it('counts each kind of vote', () => {
    const votes = [...repeat(4, 'moa'), ...repeat(3, 'baseline'), ...repeat(2, 'tie'), ...repeat(1, 'both-bad')];
    expect(summarizeVotes(votes).counts).toEqual({ moa: 4, baseline: 3, tie: 2, bothBad: 1, total: 10 });
  });

  it('counts MoA votes as wins, single-model votes as losses and ties as half a win', () => {
    const votes = [...repeat(6, 'moa'), ...repeat(2, 'baseline'), ...repeat(2, 'tie')];
    expect(summarizeVotes(votes).winRate).toEqual({ shown: true, n: 10, rate: 0.7, ...wilsonInterval(7, 10) });
  });

  it('leaves "both bad" out of the rate and its n', () => {
    const votes = [...repeat(7, 'moa'), ...repeat(3, 'baseline'), ...repeat(5, 'both-bad')];
    const summary = summarizeVotes(votes);
    expect(summary.winRate).toMatchObject({ shown: true, n: 10, rate: 0.7 });
    expect(summary.counts.bothBad).toBe(5);
  });

  it('hides the rate while fewer than 10 votes count, however many are "both bad"', () => {
    const votes = [...repeat(9, 'moa'), ...repeat(20, 'both-bad')];
    expect(summarizeVotes(votes).winRate).toEqual({ shown: false, n: 9 });
  });

  it('takes the median time and cost ratios over every vote, "both bad" included', () => {
    const votes = [
      vote('moa', [2000, 1000], [0.02, 0.01]),
      vote('both-bad', [3000, 1000], [0.05, 0.01]),
      vote('baseline', [8000, 1000], [0.04, 0.01]),
    ];
    const summary = summarizeVotes(votes);
    expect(summary.timeRatio).toEqual({ median: 3, n: 3 });
    expect(summary.costRatio.n).toBe(3);
    expect(summary.costRatio.median).toBeCloseTo(4, 12);
  });

  it('has no cost ratio for votes whose single model cost nothing', () => {
    const votes = [vote('moa', [2000, 1000], [0.02, 0]), vote('tie', [4000, 1000], [0, 0])];
    const summary = summarizeVotes(votes);
    expect(summary.costRatio).toEqual({ median: null, n: 0 });
    expect(summary.timeRatio).toEqual({ median: 3, n: 2 });
  });

  it('summarizes no votes as nothing counted', () => {
    expect(summarizeVotes([])).toEqual({
      counts: { moa: 0, baseline: 0, tie: 0, bothBad: 0, total: 0 },
      winRate: { shown: false, n: 0 },
      timeRatio: { median: null, n: 0 },
      costRatio: { median: null, n: 0 },
    });
  });
});
