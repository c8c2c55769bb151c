import { bootstrapInterval, meanAt } from './bootstrap';
import type { Interval } from './wilson';

/** A mean of 1–10 grades with its 95% bootstrap interval. */
export interface ScoreSummary {
  n: number;
  mean: number | null;
  interval: Interval | null;
}

export function summarizeScores(scores: readonly number[], seed: number): ScoreSummary {
  const n = scores.length;
  return {
    n,
    mean: n > 0 ? scores.reduce((sum, score) => sum + score, 0) / n : null,
    interval: bootstrapInterval({ n, seed, statistic: (indexes) => meanAt(scores, indexes) }),
  };
}

/** MT-Bench style: the mean grade over every graded turn, overall and per category. */
export function summarizeScoresByCategory(
  grades: readonly { category: string; score: number }[],
  seed: number,
): { overall: ScoreSummary; byCategory: Record<string, ScoreSummary> } {
  const categories = [...new Set(grades.map((grade) => grade.category))].sort();
  return {
    overall: summarizeScores(grades.map((grade) => grade.score), seed),
    byCategory: Object.fromEntries(
      categories.map((category) => [
        category,
        summarizeScores(grades.filter((grade) => grade.category === category).map((grade) => grade.score), seed),
      ]),
    ),
  };
}
