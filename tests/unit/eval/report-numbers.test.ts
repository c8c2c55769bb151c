import { describe, expect, it } from 'vitest';
import { clipLabel, linearScale, niceTicks } from '@/lib/eval/report/chart-scale';
import {
  dollarsText,
  gradeText,
  intervalText,
  NOT_YET,
  percentText,
  secondsText,
} from '@/lib/eval/report/report-numbers';

describe('linearScale', () => {
  it('maps the domain onto the range, reversed ranges included', () => {
    const x = linearScale([0, 1], [40, 440]);
    expect(x(0.5)).toBe(240);
    expect(linearScale([1, 10], [200, 20])(10)).toBe(20);
  });

  it('maps everything to the range start when the domain has no width', () => {
    expect(linearScale([0, 0], [10, 90])(0)).toBe(10);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the maximum', () => {
    expect(niceTicks(4.5)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(1.6)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0.0012)).toEqual([0, 0.0005, 0.001, 0.0015]);
  });

  it('gives 0 to 1 when nothing was measured yet', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('clipLabel', () => {
  it('keeps a short label and cuts a long one to the limit, ellipsis included', () => {
    expect(clipLabel('math', 11)).toBe('math');
    expect(clipLabel('a-very-long-category', 11)).toBe('a-very-lon…');
    expect([...clipLabel('😀'.repeat(20), 5)]).toHaveLength(5);
  });
});

describe('report numbers', () => {
  it('says "not yet" for every number that does not exist yet, never NaN', () => {
    for (const text of [
      percentText(null),
      percentText(Number.NaN),
      intervalText(null, true),
      gradeText(undefined),
      secondsText(null),
      dollarsText(null),
    ]) {
      expect(text).toBe(NOT_YET);
    }
  });

  it('writes percentages, grade intervals, seconds and small dollar amounts readably', () => {
    expect(percentText(0.614)).toBe('61%');
    expect(intervalText({ lower: 0.52, upper: 0.694 }, true)).toBe('52–69%');
    expect(intervalText({ lower: 8.04, upper: 8.96 }, false)).toBe('8.0–9.0');
    expect(secondsText(1234)).toBe('1.23 s');
    expect(dollarsText(0.00042)).toBe('$0.00042');
    expect(dollarsText(0.0123)).toBe('$0.012');
    expect(dollarsText(3.4)).toBe('$3.40');
  });
});
