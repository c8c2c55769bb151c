import { describe, expect, it } from 'vitest';
import type { VoteChoice } from '@/lib/protocol/vote';
import { comparisonStats } from '@/lib/stats/comparison-stats';
import type { JudgeVerdict, JudgmentRow } from '@/lib/stats/judgment-stats';
import type { VoteRow } from '@/lib/stats/vote-stats';

function votes(
  count: number,
  preset: string | null,
  choice: VoteChoice,
  timeRatio = 2,
  simulated = false,
  mode: VoteRow['mode'] = 'blind',
): VoteRow[] {
  return Array.from({ length: count }, () => ({
    preset,
    mode,
    vote: choice,
    moa: { timeMs: 1000 * timeRatio, cost: 0.02 },
    baseline: { timeMs: 1000, cost: 0.01 },
    simulated,
  }));
}

function verdicts(count: number, preset: string | null, verdict: JudgeVerdict, simulated = false): JudgmentRow[] {
  return Array.from({ length: count }, () => ({ preset, verdict, simulated }));
}

describe('comparison stats', () => {
  it('summarizes every preset apart and all of them together', () => {
    const stats = comparisonStats(
      [...votes(8, 'moa', 'moa', 3), ...votes(4, 'moa', 'baseline', 3), ...votes(3, 'moa-lite', 'tie', 1.5)],
      [...verdicts(10, 'moa-lite', 'moa'), ...verdicts(2, 'moa', 'inconsistent')],
    );
    expect(stats.overall.votes.counts.total).toBe(15);
    expect(stats.overall.votes.winRate).toMatchObject({ shown: true, n: 15, rate: 9.5 / 15 });
    expect(stats.overall.judgments.winRate).toMatchObject({ shown: true, n: 10, rate: 1 });
    expect(stats.overall.votes.timeRatio).toEqual({ median: 3, n: 15 });

    const [moa, moaLite] = stats.byPreset;
    expect(moa?.preset).toBe('moa');
    expect(moa?.votes.winRate).toMatchObject({ shown: true, n: 12, rate: 8 / 12 });
    expect(moa?.votes.timeRatio.median).toBe(3);
    expect(moa?.judgments.counts).toMatchObject({ inconsistent: 2, total: 2 });
    expect(moa?.judgments.winRate).toEqual({ shown: false, n: 0 });

    expect(moaLite?.preset).toBe('moa-lite');
    expect(moaLite?.votes.winRate).toEqual({ shown: false, n: 3 });
    expect(moaLite?.votes.timeRatio.median).toBe(1.5);
    expect(moaLite?.judgments.winRate).toMatchObject({ shown: true, n: 10, rate: 1 });
  });

  it('lists the most compared presets first and custom settings last', () => {
    const stats = comparisonStats(
      [...votes(5, null, 'moa'), ...votes(1, 'self-moa', 'moa'), ...votes(2, 'moa-lite', 'moa')],
      [...verdicts(2, 'self-moa', 'tie'), ...verdicts(1, 'moa', 'moa')],
    );
    expect(stats.byPreset.map((row) => row.preset)).toEqual(['self-moa', 'moa-lite', 'moa', null]);
  });

  it('orders presets compared equally often by name', () => {
    const stats = comparisonStats([...votes(1, 'self-moa', 'moa'), ...votes(1, 'moa', 'moa')], []);
    expect(stats.byPreset.map((row) => row.preset)).toEqual(['moa', 'self-moa']);
  });

  it('leaves comparisons on simulated models out of everything and only counts them', () => {
    const stats = comparisonStats(
      [...votes(10, 'simulated', 'moa', 2, true), ...votes(2, 'moa', 'baseline')],
      [...verdicts(4, 'simulated', 'moa', true), ...verdicts(1, 'moa', 'tie')],
    );
    expect(stats.simulated).toEqual({ votes: 10, judgments: 4 });
    expect(stats.overall.votes.counts).toMatchObject({ moa: 0, baseline: 2, total: 2 });
    expect(stats.overall.judgments.counts).toMatchObject({ moa: 0, tie: 1, total: 1 });
    expect(stats.byPreset.map((row) => row.preset)).toEqual(['moa']);
  });

  it('leaves votes from open comparisons out of everything and only counts them', () => {
    const stats = comparisonStats([...votes(6, 'moa', 'moa', 2, false, 'open'), ...votes(3, 'moa', 'baseline')], []);
    expect(stats.openVotes).toBe(6);
    expect(stats.simulated.votes).toBe(0);
    expect(stats.overall.votes.counts).toMatchObject({ moa: 0, baseline: 3, total: 3 });
  });

  it('has no presets and nothing shown without comparisons', () => {
    const stats = comparisonStats([], []);
    expect(stats.byPreset).toEqual([]);
    expect(stats.overall.votes.winRate).toEqual({ shown: false, n: 0 });
    expect(stats.overall.judgments.winRate).toEqual({ shown: false, n: 0 });
  });
});
