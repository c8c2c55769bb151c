import { describe, expect, it } from 'vitest';
import { summarizeScores, summarizeScoresByCategory } from '@/lib/stats/score-summary';

describe('MT-Bench style score means', () => {
  it('averages the grades, with a bootstrap interval around the mean', () => {
    const summary = summarizeScores([8, 6, 7, 9], 1);
    expect(summary.n).toBe(4);
    expect(summary.mean).toBe(7.5);
    expect(summary.interval?.lower).toBeGreaterThanOrEqual(6);
    expect(summary.interval?.lower).toBeLessThan(7.5);
    expect(summary.interval?.upper).toBeGreaterThan(7.5);
    expect(summary.interval?.upper).toBeLessThanOrEqual(9);
  });

  it('splits the means by category and keeps the overall mean over every grade', () => {
    const result = summarizeScoresByCategory(
      [
        { category: 'math', score: 4 },
        { category: 'math', score: 6 },
        { category: 'writing', score: 9 },
      ],
      1,
    );
    expect(result.overall.mean).toBeCloseTo(19 / 3, 12);
    expect(result.byCategory.math).toMatchObject({ n: 2, mean: 5 });
    expect(result.byCategory.writing).toEqual({ n: 1, mean: 9, interval: { lower: 9, upper: 9 } });
  });

  it('has no mean without grades', () => {
    expect(summarizeScores([], 1)).toEqual({ n: 0, mean: null, interval: null });
  });
});
