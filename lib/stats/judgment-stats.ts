import { winRate, type WinRate } from './win-rate';

/**
 * A judge model's verdict on one comparison. It reads the pair twice, in both orders; "inconsistent" means the
 * two readings disagreed (or one could not be read), a sign of position bias rather than of a preference.
 * The same union as `JudgeVerdict` in `lib/protocol/judge.ts`, kept here so the stats stay free of the judge; the
 * stats page hands stored judgments over as they are, so a drift between the two fails to compile.
 */
export type JudgeVerdict = 'moa' | 'baseline' | 'tie' | 'inconsistent';

/** What the stats need of a stored judgment. `simulated`: the judge or either side ran on the simulator. */
export type JudgmentRow = { preset: string | null; verdict: JudgeVerdict; simulated?: boolean };

export type JudgmentCounts = { moa: number; baseline: number; tie: number; inconsistent: number; total: number };

export type JudgmentSummary = { counts: JudgmentCounts; winRate: WinRate };

/**
 * Counts verdicts and derives MoA's win rate as for votes: "MoA" a win, "single model" a loss, "tie" half a win.
 * "Inconsistent" is left out of the rate (the judge did not decide) but counted and shown.
 */
export function summarizeJudgments(rows: readonly JudgmentRow[]): JudgmentSummary {
  const counts: JudgmentCounts = { moa: 0, baseline: 0, tie: 0, inconsistent: 0, total: rows.length };
  for (const { verdict } of rows) counts[verdict] += 1;
  return { counts, winRate: winRate({ wins: counts.moa, losses: counts.baseline, ties: counts.tie }) };
}
