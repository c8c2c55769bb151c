import { describe, expect, it } from 'vitest';
import { formatWait } from '@/lib/format';

describe('formatWait', () => {
  it('reads as seconds, minutes or hours, rounding up', () => {
    expect(formatWait(0.2)).toBe('1 s');
    expect(formatWait(45)).toBe('45 s');
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(725)).toBe('12 min 5 s');
    expect(formatWait(3_600)).toBe('1 h');
    expect(formatWait(12_030)).toBe('3 h 20 min');
    expect(formatWait(-5)).toBe('0 s');
  });
});
