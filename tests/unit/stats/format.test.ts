import { describe, expect, it } from 'vitest';
import { formatInterval, formatPercent, formatRatio } from '@/lib/stats/format';

describe('formatting stats', () => {
  it('writes a proportion as a whole percentage', () => {
    expect(formatPercent(0.643)).toBe('64%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('writes an interval as a percentage range', () => {
    expect(formatInterval({ lower: 0.396778, upper: 0.892209 })).toBe('40–89%');
  });

  it('writes a ratio with one decimal, without decimals from 10 on', () => {
    expect(formatRatio(2.84)).toBe('2.8×');
    expect(formatRatio(3)).toBe('3.0×');
    expect(formatRatio(12.4)).toBe('12×');
  });

  it('keeps two significant digits of a ratio below 1, so it never reads 0.0×', () => {
    expect(formatRatio(0.456)).toBe('0.46×');
    expect(formatRatio(0.04)).toBe('0.04×');
  });

  it('writes a missing ratio as a dash', () => {
    expect(formatRatio(null)).toBe('–');
  });
});
