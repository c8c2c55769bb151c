import { describe, expect, it } from 'vitest';
import { median, medianRatio } from '@/lib/stats/median';

describe('the median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('is the mean of the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });

  it('leaves its input in place', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('the median ratio', () => {
  it('is the median of the ratios, not the ratio of the medians', () => {
    const pairs = [
      { numerator: 10, denominator: 5 },
      { numerator: 30, denominator: 10 },
      { numerator: 4, denominator: 1 },
    ];
    // Ratios 2, 3 and 4; the medians 10 ÷ 5 would give 2.
    expect(medianRatio(pairs)).toEqual({ median: 3, n: 3 });
  });

  it('leaves out pairs with nothing to divide by and says how many it used', () => {
    const pairs = [
      { numerator: 6, denominator: 2 },
      { numerator: 0.01, denominator: 0 },
      { numerator: 0, denominator: 0 },
      { numerator: 5, denominator: 1 },
    ];
    expect(medianRatio(pairs)).toEqual({ median: 4, n: 2 });
  });

  it('has no median when no pair can be divided', () => {
    expect(medianRatio([{ numerator: 1, denominator: 0 }])).toEqual({ median: null, n: 0 });
  });
});
