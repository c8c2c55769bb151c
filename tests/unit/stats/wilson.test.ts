import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '@/lib/stats/wilson';

// Reference values from SciPy 1.17: binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson').
const reference: [successes: number, n: number, lower: number, upper: number][] = [
  [7, 10, 0.396778, 0.892209],
  [1, 10, 0.017876, 0.40415],
  [0, 10, 0, 0.277533],
  [10, 10, 0.722467, 1],
  [50, 100, 0.403832, 0.596168],
  [81, 263, 0.255289, 0.36621],
];

describe('the Wilson score interval', () => {
  it.each(reference)('matches SciPy for %d out of %d', (successes, n, lower, upper) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.lower).toBeCloseTo(lower, 5);
    expect(interval.upper).toBeCloseTo(upper, 5);
  });

  it('stays within [0, 1] at both extremes', () => {
    expect(wilsonInterval(0, 3).lower).toBe(0);
    expect(wilsonInterval(3, 3).upper).toBe(1);
    expect(wilsonInterval(0, 3).upper).toBeLessThan(1);
    expect(wilsonInterval(3, 3).lower).toBeGreaterThan(0);
  });

  it('is symmetric: k successes mirror n − k', () => {
    const low = wilsonInterval(3, 17);
    const high = wilsonInterval(14, 17);
    expect(low.lower).toBeCloseTo(1 - high.upper, 12);
    expect(low.upper).toBeCloseTo(1 - high.lower, 12);
  });

  it('narrows as the sample grows at the same proportion', () => {
    const small = wilsonInterval(7, 10);
    const large = wilsonInterval(700, 1000);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
    expect(large.lower).toBeGreaterThan(small.lower);
  });

  it('accepts half a success, from a tie', () => {
    const interval = wilsonInterval(7.5, 10);
    expect(interval.lower).toBeCloseTo(0.442181, 5);
    expect(interval.upper).toBeCloseTo(0.919052, 5);
  });

  it('knows nothing with no sample: [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it('refuses more successes than trials, or fewer than none', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});
