import type { ComparisonMode } from '@/lib/protocol/moa-request';
import type { SideMeasure, VoteChoice } from '@/lib/protocol/vote';
import { medianRatio, type RatioSummary } from './median';
import { winRate, type WinRate } from './win-rate';

/**
 * What the stats need of a stored vote. `simulated`: either side ran on the simulator; `mode`: whether the voter
 * saw the sides blind.
 */
export type VoteRow = {
  preset: string | null;
  mode: ComparisonMode;
  vote: VoteChoice;
  moa: SideMeasure;
  baseline: SideMeasure;
  simulated?: boolean;
};

export type VoteCounts = { moa: number; baseline: number; tie: number; bothBad: number; total: number };

export type VoteSummary = {
  counts: VoteCounts;
  /** "MoA", "single model" and "tie" votes; "both bad" is left out (see `summarizeVotes`). */
  winRate: WinRate;
  /** Median of MoA's wall time ÷ the single model's, over every vote. */
  timeRatio: RatioSummary;
  /** Median of MoA's cost ÷ the single model's, over the votes whose single model cost something. */
  costRatio: RatioSummary;
};

/**
 * Counts votes and derives MoA's win rate over the single model:
 * - "MoA" is a win, "single model" a loss, "tie" half a win (AlpacaEval's convention);
 * - "both bad" is left out of the rate, because it says neither answer was good enough, not which was better;
 *   it is counted and shown beside the rate;
 * - time and cost ratios use every vote, "both bad" included: what a run took does not depend on the verdict.
 */
export function summarizeVotes(votes: readonly VoteRow[]): VoteSummary {
  const counts: VoteCounts = { moa: 0, baseline: 0, tie: 0, bothBad: 0, total: votes.length };
  for (const { vote } of votes) {
    if (vote === 'both-bad') counts.bothBad += 1;
    else counts[vote] += 1;
  }
  return {
    counts,
    winRate: winRate({ wins: counts.moa, losses: counts.baseline, ties: counts.tie }),
    timeRatio: medianRatio(votes.map(({ moa, baseline }) => ({ numerator: moa.timeMs, denominator: baseline.timeMs }))),
    costRatio: medianRatio(votes.map(({ moa, baseline }) => ({ numerator: moa.cost, denominator: baseline.cost }))),
  };
}
