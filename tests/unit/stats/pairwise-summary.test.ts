import { describe, expect, it } from 'vitest';
import { bootstrapInterval, meanAt, percentile } from '@/lib/stats/bootstrap';
import { fitLogistic, RIDGE, sigmoid } from '@/lib/stats/logistic-fit';
import {
  lengthControlledWinRate,
  normalisedLengthDifferences,
  summarizePairwise,
  type PairwiseSample,
} from '@/lib/stats/pairwise-summary';

const sample = (score: number | undefined, contestantChars = 100, referenceChars = 100): PairwiseSample => ({
  score,
  inconsistent: score === undefined,
  contestantChars,
  referenceChars,
});
const scored = (score: number, contestantChars: number, referenceChars: number) =>
  ({ ...sample(score, contestantChars, referenceChars), score }) as PairwiseSample & { score: number };

describe('bootstrapInterval', () => {
  it('spans every possible mean of a two-item sample: {0, 1} resampled gives means 0, ½ and 1', () => {
    expect(bootstrapInterval({ n: 2, seed: 1, statistic: (indexes) => meanAt([0, 1], indexes) })).toEqual({ lower: 0, upper: 1 });
  });

  it('collapses to the value for a constant sample', () => {
    expect(bootstrapInterval({ n: 5, seed: 3, statistic: (indexes) => meanAt([7, 7, 7, 7, 7], indexes) })).toEqual({ lower: 7, upper: 7 });
  });

  it('is the same for the same seed and close to the normal interval for a large sample', () => {
    const values = Array.from({ length: 400 }, (_, index) => index % 2);
    const draw = (seed: number) => bootstrapInterval({ n: values.length, seed, statistic: (indexes) => meanAt(values, indexes) });
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    // Normal approximation: 0.5 ± 1.96 × 0.5 / √400 = 0.5 ± 0.049.
    expect(draw(42)?.lower).toBeCloseTo(0.451, 1);
    expect(draw(42)?.upper).toBeCloseTo(0.549, 1);
  });

  it('is null with nothing to resample', () => {
    expect(bootstrapInterval({ n: 0, seed: 1, statistic: () => 0 })).toBeNull();
  });

  it('interpolates percentiles between ranks', () => {
    expect(percentile([0, 10, 20, 30], 0.5)).toBe(15);
    expect(percentile([0, 10, 20, 30], 0)).toBe(0);
    expect(percentile([0, 10, 20, 30], 1)).toBe(30);
  });
});

describe('summarizePairwise', () => {
  const samples = [sample(1), sample(1), sample(0.5), sample(0.75), sample(0), sample(undefined)];

  it('counts ties as half a win and leaves unreadable comparisons out of the rate', () => {
    const summary = summarizePairwise(samples, 1);
    // (1 + 1 + 0.5 + 0.75 + 0) / 5 = 0.65
    expect(summary).toMatchObject({ n: 5, wins: 3, ties: 1, losses: 1 });
    expect(summary.winRate).toBeCloseTo(0.65, 12);
  });

  it('gives the Wilson interval of the points: 3.5 of 5 → [0.2988, 0.9274]', () => {
    const summary = summarizePairwise([sample(1), sample(1), sample(1), sample(0.5), sample(0)], 1);
    expect(summary.wilson?.lower).toBeCloseTo(0.298791, 5);
    expect(summary.wilson?.upper).toBeCloseTo(0.927416, 5);
  });

  it('reports the share of comparisons whose readings disagreed or could not be read', () => {
    const withOpposite = [...samples, { ...sample(0.5), inconsistent: true }];
    expect(summarizePairwise(withOpposite, 1).inconsistentRate).toBeCloseTo(2 / 7, 12);
  });

  it('keeps the bootstrap interval around the rate and inside [0, 1]', () => {
    const summary = summarizePairwise(samples, 7);
    expect(summary.bootstrap?.lower).toBeGreaterThanOrEqual(0);
    expect(summary.bootstrap?.lower).toBeLessThan(0.65);
    expect(summary.bootstrap?.upper).toBeGreaterThan(0.65);
    expect(summary.bootstrap?.upper).toBeLessThanOrEqual(1);
  });

  it('has no rate and no intervals without comparisons', () => {
    expect(summarizePairwise([], 1)).toMatchObject({ n: 0, winRate: null, wilson: null, bootstrap: null, inconsistentRate: null, lengthControlled: null });
  });
});

describe('the length-controlled win rate', () => {
  it('normalises the length difference by its standard deviation through tanh', () => {
    // Differences 100 and −100: mean 0, sample standard deviation √(2 × 100² / 1) = 141.42.
    const [longer, shorter] = normalisedLengthDifferences([
      { contestantChars: 300, referenceChars: 200 },
      { contestantChars: 200, referenceChars: 300 },
    ]);
    expect(longer).toBeCloseTo(Math.tanh(100 / Math.sqrt(20_000)), 12);
    expect(shorter).toBeCloseTo(-Math.tanh(100 / Math.sqrt(20_000)), 12);
    expect(normalisedLengthDifferences([{ contestantChars: 5, referenceChars: 1 }, { contestantChars: 9, referenceChars: 5 }])).toEqual([0, 0]);
  });

  it('equals the raw win rate when the lengths never differ (up to the small ridge)', () => {
    const samples = [1, 1, 1, 0, 0.5, 1, 0, 1].map((score) => scored(score, 200, 200));
    const result = lengthControlledWinRate(samples, 1);
    // With x = 0 the fit solves Σ(σ(b) − y) + RIDGE·b = 0, so σ(b) is the mean 0.6875 shifted by RIDGE·b/n.
    expect(result?.rate).toBeCloseTo(0.6875, 2);
    expect(result?.lengthSlope).toBe(0);
  });

  it('equals the raw win rate when length says nothing about who wins', () => {
    // The longer answer wins 3 of 4 and so does the shorter: raw rate ¾, no length effect.
    const samples = [
      ...[1, 1, 1, 0].map((score) => scored(score, 300, 200)),
      ...[1, 1, 1, 0].map((score) => scored(score, 200, 300)),
    ];
    const result = lengthControlledWinRate(samples, 1);
    expect(result?.rate).toBeCloseTo(0.75, 2);
    expect(result?.lengthSlope).toBeCloseTo(0, 6);
  });

  it('moves toward ½ when the longer answer always wins', () => {
    // The contestant is longer 7 times and wins each; shorter 3 times and loses each: raw 0.7, all of it length.
    const samples = [
      ...Array.from({ length: 7 }, (_, index) => scored(1, 400 + index * 10, 200)),
      ...Array.from({ length: 3 }, (_, index) => scored(0, 200, 400 + index * 10)),
    ];
    const summary = summarizePairwise(samples, 5);
    expect(summary.winRate).toBeCloseTo(0.7, 12);
    const lc = summary.lengthControlled;
    expect(lc?.lengthSlope).toBeGreaterThan(1);
    expect(Math.abs((lc?.rate ?? 0) - 0.5)).toBeLessThan(Math.abs(0.7 - 0.5) / 2);
    expect(lc?.bootstrap?.lower).toBeLessThanOrEqual(lc?.rate ?? 0);
    expect(lc?.bootstrap?.upper).toBeGreaterThanOrEqual(lc?.rate ?? 1);
  });
});

describe('fitLogistic', () => {
  it('recovers known coefficients from exact probabilities', () => {
    // y is exactly σ(0.5 + 1.5x) at each x, so the unpenalised fit is (0.5, 1.5).
    const x = [-2, -1, -0.5, 0, 0.5, 1, 2];
    const y = x.map((value) => sigmoid(0.5 + 1.5 * value));
    const fit = fitLogistic(x, y, 0);
    expect(fit.intercept).toBeCloseTo(0.5, 6);
    expect(fit.slope).toBeCloseTo(1.5, 6);
  });

  it('stays finite on perfectly separated data', () => {
    const fit = fitLogistic([-1, -1, 1, 1], [0, 0, 1, 1], RIDGE);
    expect(Number.isFinite(fit.slope)).toBe(true);
    expect(fit.intercept).toBeCloseTo(0, 6);
  });
});
