import { describe, expect, it } from 'vitest';
import { moaGoesFirst, ratioSentence } from '@/lib/client/comparison';

describe('comparison helpers', () => {
  it('puts MoA first for about half of the runs, the same way every time for one run', () => {
    const ids = Array.from({ length: 200 }, (_, index) => `run-${index}`);
    const first = ids.filter(moaGoesFirst).length;
    expect(first).toBeGreaterThan(70);
    expect(first).toBeLessThan(130);
    expect(ids.map(moaGoesFirst)).toEqual(ids.map(moaGoesFirst));
  });

  it('says how many times the time and cost MoA took', () => {
    expect(ratioSentence({ moa: { timeMs: 2800, cost: 0.0061 }, baseline: { timeMs: 1000, cost: 0.001 } })).toBe(
      'MoA took 2.8× the time and 6.1× the cost of the single model.',
    );
  });

  it('leaves out a ratio it cannot compute, and says nothing without any', () => {
    expect(ratioSentence({ moa: { timeMs: 3000, cost: 0.01 }, baseline: { timeMs: 1000, cost: 0 } })).toBe(
      'MoA took 3.0× the time of the single model.',
    );
    expect(ratioSentence({ moa: {}, baseline: {} })).toBeUndefined();
  });
});
