import { describe, expect, it } from 'vitest';
import { tickLabel, timeAxisTicks } from '@/lib/client/time-axis';

describe('timeAxisTicks', () => {
  it('ticks every second for a four-second run', () => {
    expect(timeAxisTicks(4_300)).toEqual({ step: 1_000, ticks: [0, 1_000, 2_000, 3_000, 4_000] });
  });

  it('ticks in fractions of a second for a short run', () => {
    expect(timeAxisTicks(900)).toEqual({ step: 200, ticks: [0, 200, 400, 600, 800] });
  });

  it('widens the step for a long run so no more than the asked number of ticks appear', () => {
    const { step, ticks } = timeAxisTicks(95_000);
    expect(step).toBe(30_000);
    expect(ticks).toEqual([0, 30_000, 60_000, 90_000]);
    expect(timeAxisTicks(95_000, 12).ticks.length).toBeLessThanOrEqual(12);
  });

  it('gives a single tick at zero before anything has happened', () => {
    expect(timeAxisTicks(0).ticks).toEqual([0]);
  });
});

describe('tickLabel', () => {
  it('writes whole seconds without decimals and fractions with as many as the step needs', () => {
    expect(tickLabel(3_000, 1_000)).toBe('3 s');
    expect(tickLabel(500, 500)).toBe('0.5 s');
    expect(tickLabel(750, 250)).toBe('0.75 s');
  });

  it('writes zero as a plain 0 whatever the step', () => {
    expect(tickLabel(0, 200)).toBe('0 s');
    expect(tickLabel(0, 250)).toBe('0 s');
  });
});
