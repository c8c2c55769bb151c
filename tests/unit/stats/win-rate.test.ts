import { describe, expect, it } from 'vitest';
import { winRate } from '@/lib/stats/win-rate';
import { wilsonInterval } from '@/lib/stats/wilson';

describe('the win rate', () => {
  it('is wins over the comparisons counted, with the Wilson interval', () => {
    expect(winRate({ wins: 7, losses: 3, ties: 0 })).toEqual({ shown: true, n: 10, rate: 0.7, ...wilsonInterval(7, 10) });
  });

  it('counts a tie as half a win', () => {
    const rate = winRate({ wins: 6, losses: 2, ties: 2 });
    expect(rate).toEqual({ shown: true, n: 10, rate: 0.7, ...wilsonInterval(7, 10) });
  });

  it('is one half when every comparison is a tie', () => {
    expect(winRate({ wins: 0, losses: 0, ties: 12 })).toMatchObject({ shown: true, n: 12, rate: 0.5 });
  });

  it('is hidden below 10 comparisons, saying only how many there are', () => {
    expect(winRate({ wins: 9, losses: 0, ties: 0 })).toEqual({ shown: false, n: 9 });
    expect(winRate({ wins: 2, losses: 0, ties: 1 })).toEqual({ shown: false, n: 3 });
    expect(winRate({ wins: 0, losses: 0, ties: 0 })).toEqual({ shown: false, n: 0 });
  });

  it('shows from exactly 10 comparisons, ties included', () => {
    expect(winRate({ wins: 5, losses: 4, ties: 1 })).toMatchObject({ shown: true, n: 10, rate: 0.55 });
  });
});
