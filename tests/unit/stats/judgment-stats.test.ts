import { describe, expect, it } from 'vitest';
import { summarizeJudgments, type JudgeVerdict, type JudgmentRow } from '@/lib/stats/judgment-stats';
import { wilsonInterval } from '@/lib/stats/wilson';

function verdicts(count: number, verdict: JudgeVerdict): JudgmentRow[] {
  return Array.from({ length: count }, () => ({ preset: 'moa', verdict }));
}

describe('summarizing judge verdicts', () => {
  it('counts each verdict', () => {
    const rows = [...verdicts(5, 'moa'), ...verdicts(1, 'baseline'), ...verdicts(2, 'tie'), ...verdicts(3, 'inconsistent')];
    expect(summarizeJudgments(rows).counts).toEqual({ moa: 5, baseline: 1, tie: 2, inconsistent: 3, total: 11 });
  });

  it('counts ties as half a win and leaves inconsistent verdicts out of the rate', () => {
    const rows = [...verdicts(6, 'moa'), ...verdicts(2, 'baseline'), ...verdicts(2, 'tie'), ...verdicts(4, 'inconsistent')];
    expect(summarizeJudgments(rows).winRate).toEqual({ shown: true, n: 10, rate: 0.7, ...wilsonInterval(7, 10) });
  });

  it('hides the rate while fewer than 10 verdicts count', () => {
    const rows = [...verdicts(8, 'moa'), ...verdicts(1, 'tie'), ...verdicts(6, 'inconsistent')];
    expect(summarizeJudgments(rows).winRate).toEqual({ shown: false, n: 9 });
  });
});
