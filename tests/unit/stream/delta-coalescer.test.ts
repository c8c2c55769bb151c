import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from '@/lib/stream/delta-coalescer';

describe('DeltaCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const delivered: [string, number, string][] = [];
    const coalescer = new DeltaCoalescer(30, (key, attempt, text) => delivered.push([key, attempt, text]), () => Date.now());
    return { delivered, coalescer };
  }

  it('hands on an agent’s first token at once', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'Hello');
    expect(delivered).toEqual([['L1.1', 1, 'Hello']]);
  });

  it('then hands on one delta per agent per interval, however many tokens arrived', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'first ');
    for (const token of ['a', 'b', 'c']) coalescer.push('L1.1', 1, token);
    expect(delivered).toHaveLength(1);
    vi.advanceTimersByTime(30);
    expect(delivered).toEqual([
      ['L1.1', 1, 'first '],
      ['L1.1', 1, 'abc'],
    ]);
  });

  it('hands on a token at once again after a quiet interval', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'one');
    vi.advanceTimersByTime(31);
    coalescer.push('L1.1', 1, 'two');
    expect(delivered.map(([, , text]) => text)).toEqual(['one', 'two']);
  });

  it('flushes one agent at once when asked, before its final state goes out', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'a');
    coalescer.push('L1.1', 1, 'bc');
    coalescer.flush('L1.1');
    expect(delivered).toEqual([
      ['L1.1', 1, 'a'],
      ['L1.1', 1, 'bc'],
    ]);
    vi.advanceTimersByTime(30);
    expect(delivered).toHaveLength(2);
  });

  it('drops the text of an attempt that was retried', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'sent');
    coalescer.push('L1.1', 1, 'stale');
    coalescer.drop('L1.1');
    coalescer.push('L1.1', 2, 'fresh');
    coalescer.close();
    expect(delivered).toEqual([
      ['L1.1', 1, 'sent'],
      ['L1.1', 2, 'fresh'],
    ]);
  });

  it('never merges text of two attempts into one delta', () => {
    const { delivered, coalescer } = setup();
    coalescer.push('L1.1', 1, 'one');
    coalescer.push('L1.1', 1, 'more');
    coalescer.push('L1.1', 2, 'two');
    coalescer.close();
    expect(delivered).toEqual([
      ['L1.1', 1, 'one'],
      ['L1.1', 1, 'more'],
      ['L1.1', 2, 'two'],
    ]);
  });
});
