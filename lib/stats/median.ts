/** The median of some numbers, the mean of the middle two for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** The median of per-comparison ratios, and how many comparisons it rests on. */
export type RatioSummary = { median: number | null; n: number };

/**
 * The median of `numerator / denominator` over pairs. A pair whose denominator is 0 has no ratio (a free or
 * simulated baseline costs $0) and is left out, so `n` can be smaller than the number of pairs.
 */
export function medianRatio(pairs: readonly { numerator: number; denominator: number }[]): RatioSummary {
  const ratios = pairs.filter(({ denominator }) => denominator > 0).map(({ numerator, denominator }) => numerator / denominator);
  return { median: median(ratios), n: ratios.length };
}
