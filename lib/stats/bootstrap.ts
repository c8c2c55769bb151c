import { mulberry32 } from '@/lib/random';
import type { Interval } from './wilson';

export const DEFAULT_RESAMPLES = 2_000;

/**
 * A percentile bootstrap interval: `statistic` recomputed on `resamples` samples drawn with replacement from `n`
 * items (it gets the drawn indexes), and the 2.5th and 97.5th percentiles of the results. Seeded, so a report shows
 * the same interval every time it is drawn. Resamples whose statistic is not a number are left out. null for n = 0.
 */
export function bootstrapInterval(options: {
  n: number;
  statistic: (indexes: readonly number[]) => number;
  seed: number;
  resamples?: number;
  level?: number;
}): Interval | null {
  const { n, statistic } = options;
  if (n === 0) return null;
  const random = mulberry32(options.seed);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const values: number[] = [];
  const indexes = new Array<number>(n);
  for (let round = 0; round < resamples; round += 1) {
    for (let position = 0; position < n; position += 1) indexes[position] = Math.floor(random() * n);
    const value = statistic(indexes);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - (options.level ?? 0.95)) / 2;
  return { lower: percentile(values, tail), upper: percentile(values, 1 - tail) };
}

/** The `fraction` quantile of sorted values, interpolating between the two nearest ranks. */
export function percentile(sorted: readonly number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below] as number;
  return low + ((sorted[above] as number) - low) * (position - below);
}

/** The mean of `values` at `indexes`, for bootstrapping a mean. */
export function meanAt(values: readonly number[], indexes: readonly number[]): number {
  let sum = 0;
  for (const index of indexes) sum += values[index] as number;
  return sum / indexes.length;
}
