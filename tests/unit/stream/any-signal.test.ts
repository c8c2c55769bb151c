import { describe, expect, it } from 'vitest';
import { anySignal } from '@/lib/stream/any-signal';

describe('anySignal', () => {
  it('aborts with the reason of whichever signal aborts first', () => {
    const first = new AbortController();
    const second = new AbortController();
    const signal = anySignal([first.signal, second.signal]);
    expect(signal.aborted).toBe(false);
    second.abort('second went first');
    first.abort('too late');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('second went first');
  });

  it('is aborted at once when a signal already is', () => {
    const signal = anySignal([new AbortController().signal, AbortSignal.abort('already')]);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('already');
  });
});
