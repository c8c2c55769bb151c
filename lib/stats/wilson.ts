/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** A confidence interval for a proportion, both ends within [0, 1]. */
export type Interval = { lower: number; upper: number };

/**
 * The Wilson score interval for `successes` out of `n` (Wilson 1927). Unlike the normal approximation it stays
 * inside [0, 1] and behaves at 0/n and n/n, which matters with the small samples a new deployment has.
 * `successes` may be fractional (a tie counted as half a win); the interval is then the usual approximation.
 * With n = 0 nothing is known: [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  if (successes < 0 || successes > n) throw new RangeError(`successes must be within [0, ${n}], got ${successes}`);
  const p = successes / n;
  const zSquared = z * z;
  const denominator = 1 + zSquared / n;
  const centre = (p + zSquared / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + zSquared / (4 * n * n))) / denominator;
  // At p = 0 (or 1) the lower (or upper) end is exactly 0 (or 1), which rounding would miss by a hair.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - margin),
    upper: successes === n ? 1 : Math.min(1, centre + margin),
  };
}
