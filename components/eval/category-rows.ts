import type { EvalReport } from '@/lib/eval/report/build-report';
import { headlineContestants } from '@/lib/eval/report/report-headline';
import type { Interval } from '@/lib/stats/wilson';

/** One contestant's number in one category: a win rate (0–1) or a mean grade (1–10), with its interval. */
export type CategoryCell = { value: number | null; interval: Interval | null; n: number };

export interface CategoryRows {
  /** Pairwise win rates, or MT-Bench grades. */
  percent: boolean;
  contestants: { id: string; index: number }[];
  /** The categories in name order, then "overall"; cells in the contestants' order. */
  rows: { category: string; cells: CategoryCell[] }[];
}

/** The per-category numbers of every judged contestant, with their place in the settings (for their colour). */
export function categoryRows(report: EvalReport): CategoryRows {
  const judged = headlineContestants(report);
  const percent = report.header.settings.protocol === 'pairwise';
  const categories = [
    ...new Set(
      judged.flatMap((contestant) =>
        Object.keys((percent ? contestant.pairwise?.byCategory : contestant.grades?.byCategory) ?? {}),
      ),
    ),
  ].sort();
  const cell = (contestant: (typeof judged)[number], category: string | null): CategoryCell => {
    if (percent) {
      const summary = category === null ? contestant.pairwise : contestant.pairwise?.byCategory[category];
      if (!summary) return { value: null, interval: null, n: 0 };
      return { value: summary.winRate, interval: summary.wilson, n: summary.n };
    }
    const summary = category === null ? contestant.grades?.overall : contestant.grades?.byCategory[category];
    return { value: summary?.mean ?? null, interval: summary?.interval ?? null, n: summary?.n ?? 0 };
  };
  return {
    percent,
    contestants: judged.map((contestant) => ({ id: contestant.id, index: report.contestants.indexOf(contestant) })),
    rows: [
      ...categories.map((category) => ({ category, cells: judged.map((contestant) => cell(contestant, category)) })),
      { category: 'overall', cells: judged.map((contestant) => cell(contestant, null)) },
    ],
  };
}
