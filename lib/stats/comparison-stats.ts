import { summarizeJudgments, type JudgmentRow, type JudgmentSummary } from './judgment-stats';
import { summarizeVotes, type VoteRow, type VoteSummary } from './vote-stats';

/** Votes and judgments of one preset (`null`: runs with custom settings), or of all of them. */
export type GroupStats = { votes: VoteSummary; judgments: JudgmentSummary };
export type PresetStats = GroupStats & { preset: string | null };

export type ComparisonStats = {
  overall: GroupStats;
  byPreset: PresetStats[];
  /** Receipt-backed results left out: a side ran on the simulator, or the vote was cast in an open comparison. */
  simulated: { votes: number; judgments: number };
  openVotes: number;
};

/**
 * Everything the stats page shows: the overall summaries, and one per preset that has a vote or a judgment, the
 * most compared first, custom settings last. Comparisons where either side ran on the simulator are left out of
 * all of it and only counted: a preference between canned answers says nothing about MoA. So are votes from open
 * comparisons, whose voters could see which answer was which.
 */
export function comparisonStats(allVotes: readonly VoteRow[], allJudgments: readonly JudgmentRow[]): ComparisonStats {
  const real = allVotes.filter((vote) => !vote.simulated);
  const votes = real.filter((vote) => vote.mode === 'blind');
  const judgments = allJudgments.filter((row) => !row.simulated);
  const presets = new Set<string | null>([...votes.map((vote) => vote.preset), ...judgments.map((row) => row.preset)]);
  const byPreset = [...presets].map((preset) => ({
    preset,
    votes: summarizeVotes(votes.filter((vote) => vote.preset === preset)),
    judgments: summarizeJudgments(judgments.filter((row) => row.preset === preset)),
  }));
  byPreset.sort(
    (a, b) =>
      Number(a.preset === null) - Number(b.preset === null) ||
      b.votes.counts.total + b.judgments.counts.total - (a.votes.counts.total + a.judgments.counts.total) ||
      (a.preset ?? '').localeCompare(b.preset ?? ''),
  );
  return {
    overall: { votes: summarizeVotes(votes), judgments: summarizeJudgments(judgments) },
    byPreset,
    simulated: { votes: allVotes.length - real.length, judgments: allJudgments.length - judgments.length },
    openVotes: real.length - votes.length,
  };
}
