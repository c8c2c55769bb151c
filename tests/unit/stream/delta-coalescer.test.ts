import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from '@/lib/stream/delta-coalescer';

describe('DeltaCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const delivered: [string, number, string][] = [];
    const coalescer = new DeltaCoalescer(30, (key, attempt, text) => delivered.push([key, attempt, text]));
    return { delivered, coalescer };
  }

  it('hands on one delta per agent per interval, however many tokens arrived', () => {
    const { delivered, coalescer } = setup();
    for (const token of ['a', 'b', 'c']) coalescer.push('L1.1', 1, token);
    coalescer.push('L1.2', 1, 'x');
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(30);
    expect(delivered).toEqual([
      ['L1.1', 1, 'abc'],
      ['L1.2', 1, 'x'],
    ]);
  });

  it('flushes one agent at once when asked, before its final state goes out', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'abc');
    coalescer.flush('L1.1');
    expect(delivered).toEqual([['L1.1', 1, 'abc']]);
    vi.advanceTimersByTime(30);
    expect(delivered).toHaveLength(1);
  });

  it('drops the text of an attempt that was retried', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'stale');
    coalescer.drop('L1.1');
    coalescer.push('L1.1', 2, 'fresh');
    coalescer.close();
    expect(delivered).toEqual([['L1.1', 2, 'fresh']]);
  });

  it('never merges text of two attempts into one delta', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'one');
    coalescer.push('L1.1', 2, 'two');
    coalescer.close();
    expect(delivered).toEqual([
      ['L1.1', 1, 'one'],
      ['L1.1', 2, 'two'],
    ]);
  });
});
