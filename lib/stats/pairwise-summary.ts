import { bootstrapInterval, meanAt } from './bootstrap';
import { fitLogistic, sigmoid } from './logistic-fit';
import { wilsonInterval, type Interval } from './wilson';

/** One pairwise comparison of a contestant's answer with the reference's, as the judge read it in both orders. */
export interface PairwiseSample {
  /**
   * The contestant's preference averaged over the two readings: 1 won both, ½ a tie (or opposite winners), 0 lost
   * both. Absent when a reading had no verdict: such a comparison counts only toward the inconsistent rate.
   */
  score?: number;
  /** The readings named opposite winners, or one had no verdict. */
  inconsistent: boolean;
  contestantChars: number;
  referenceChars: number;
}

export interface PairwiseSummary {
  /** Comparisons with a score. */
  n: number;
  wins: number;
  ties: number;
  losses: number;
  /** Mean score: ties (and opposite winners) count ½, as AlpacaEval averages its two readings. null for none. */
  winRate: number | null;
  wilson: Interval | null;
  bootstrap: Interval | null;
  /** Share of all comparisons whose two readings disagreed or could not be read: the judge's position bias. */
  inconsistentRate: number | null;
  lengthControlled: LengthControlledRate | null;
}

export interface LengthControlledRate {
  /** The win rate the fit predicts for answers of equal length. */
  rate: number;
  /** The fit's slope on the normalised length difference: above 0 when the longer answer tends to win. */
  lengthSlope: number;
  bootstrap: Interval | null;
}

/**
 * The length predictor: the contestant's length minus the reference's, divided by the standard deviation of that
 * difference over all comparisons and squashed by tanh, as AlpacaEval 2.0 does, so a few very long answers cannot
 * dominate the fit. All zeros when the difference never varies: then there is no length effect to separate.
 */
export function normalisedLengthDifferences(samples: readonly Pick<PairwiseSample, 'contestantChars' | 'referenceChars'>[]): number[] {
  const differences = samples.map((sample) => sample.contestantChars - sample.referenceChars);
  const mean = differences.reduce((sum, value) => sum + value, 0) / Math.max(1, differences.length);
  const variance = differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, differences.length - 1);
  const deviation = Math.sqrt(variance);
  return differences.map((difference) => (deviation > 0 ? Math.tanh(difference / deviation) : 0));
}

/**
 * The length-controlled win rate: a logistic regression of the preference on the normalised length difference
 * (AlpacaEval 2.0's length term, without its per-instruction and logprob terms), read at a difference of zero.
 * If the judge simply prefers longer answers, the slope takes that up and the rate moves toward ½.
 */
export function lengthControlledWinRate(
  samples: readonly (PairwiseSample & { score: number })[],
  seed: number,
): LengthControlledRate | null {
  if (samples.length === 0) return null;
  const x = normalisedLengthDifferences(samples);
  const y = samples.map((sample) => sample.score);
  const fit = fitLogistic(x, y);
  const bootstrap = bootstrapInterval({
    n: samples.length,
    seed,
    // Fewer resamples than for a mean: each one is a whole fit.
    resamples: 1_000,
    statistic: (indexes) => {
      const refit = fitLogistic(indexes.map((index) => x[index] as number), indexes.map((index) => y[index] as number));
      return sigmoid(refit.intercept);
    },
  });
  return { rate: sigmoid(fit.intercept), lengthSlope: fit.slope, bootstrap };
}

/** Everything the pairwise protocol reports for one contestant against the reference. */
export function summarizePairwise(samples: readonly PairwiseSample[], seed: number): PairwiseSummary {
  const scored = samples.filter((sample): sample is PairwiseSample & { score: number } => sample.score !== undefined);
  const scores = scored.map((sample) => sample.score);
  const points = scores.reduce((sum, score) => sum + score, 0);
  const n = scored.length;
  return {
    n,
    wins: scores.filter((score) => score > 0.5).length,
    ties: scores.filter((score) => score === 0.5).length,
    losses: scores.filter((score) => score < 0.5).length,
    winRate: n > 0 ? points / n : null,
    wilson: n > 0 ? wilsonInterval(points, n) : null,
    bootstrap: bootstrapInterval({ n, seed, statistic: (indexes) => meanAt(scores, indexes) }),
    inconsistentRate: samples.length > 0 ? samples.filter((sample) => sample.inconsistent).length / samples.length : null,
    lengthControlled: lengthControlledWinRate(scored, seed),
  };
}
