import { describe, expect, it } from 'vitest';
import { MemoryLimitStore } from '@/lib/limits/store';

function store(maxKeys?: number) {
  let now = 1_000_000;
  return {
    store: new MemoryLimitStore(() => now, maxKeys),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('MemoryLimitStore buckets', () => {
  it('takes units until the budget is used, then says when it refills', async () => {
    const { store: limits, advance } = store();
    expect(await limits.take('a', 6, 10, 60_000)).toEqual({ ok: true, retryAfterMs: 0 });
    advance(15_000);
    expect(await limits.take('a', 4, 10, 60_000)).toEqual({ ok: true, retryAfterMs: 0 });
    expect(await limits.take('a', 1, 10, 60_000)).toEqual({ ok: false, retryAfterMs: 45_000 });
    advance(45_000);
    expect((await limits.take('a', 10, 10, 60_000)).ok).toBe(true);
  });

  it('refuses a request larger than what is left without taking anything', async () => {
    const { store: limits } = store();
    await limits.take('a', 7, 10, 60_000);
    expect((await limits.take('a', 5, 10, 60_000)).ok).toBe(false);
    expect((await limits.take('a', 3, 10, 60_000)).ok).toBe(true);
  });

  it('keeps budgets apart by key', async () => {
    const { store: limits } = store();
    await limits.take('a', 10, 10, 60_000);
    expect((await limits.take('b', 10, 10, 60_000)).ok).toBe(true);
  });

  it('gives units back, never past the capacity', async () => {
    const { store: limits } = store();
    await limits.take('a', 10, 10, 60_000);
    await limits.giveBack('a', 4, 10, 60_000);
    expect((await limits.take('a', 4, 10, 60_000)).ok).toBe(true);
    await limits.giveBack('a', 50, 10, 60_000);
    expect((await limits.take('a', 11, 10, 60_000)).ok).toBe(false);
  });

  it('holds at most maxKeys budgets, forgetting the least recently used', async () => {
    const { store: limits } = store(100);
    for (let client = 0; client < 1_000; client += 1) await limits.take(`client-${client}`, 1, 10, 60_000);
    expect(limits.size).toBe(100);
    await limits.take('client-999', 9, 10, 60_000);
    expect((await limits.take('client-999', 1, 10, 60_000)).ok).toBe(false);
  });
});

describe('MemoryLimitStore counters', () => {
  it('adds within the ceiling and refuses what would pass it', async () => {
    const { store: limits } = store();
    expect(await limits.addWithin('spend', 600, 1_000, 86_400_000)).toEqual({ ok: true, total: 600 });
    expect(await limits.addWithin('spend', 500, 1_000, 86_400_000)).toEqual({ ok: false, total: 600 });
    expect(await limits.addWithin('spend', 400, 1_000, 86_400_000)).toEqual({ ok: true, total: 1_000 });
  });

  it('settles corrections and forgets the counter when it expires', async () => {
    const { store: limits, advance } = store();
    await limits.addWithin('spend', 800, 1_000, 60_000);
    await limits.adjust('spend', -500, 60_000);
    expect(await limits.addWithin('spend', 700, 1_000, 60_000)).toEqual({ ok: true, total: 1_000 });
    advance(60_000);
    expect(await limits.addWithin('spend', 1, 1_000, 60_000)).toEqual({ ok: true, total: 1 });
  });
});
