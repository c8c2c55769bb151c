import { describe, expect, it } from 'vitest';
import { p90, turnTimes } from '@/lib/eval/report/turn-times';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { SHARE_QUESTIONS, shareRecords } from '@/tests/support/eval-share-fixtures';

describe('turnTimes', () => {
  it('lists every answered turn’s times per contestant, sorted, in the settings’ order', () => {
    const [moa, single] = turnTimes(shareRecords(), SHARE_QUESTIONS);
    expect(moa?.contestantId).toBe('moa-lite');
    expect(moa?.firstToken).toEqual([1200, 1200, 1200, 1200, 1237]);
    expect(single?.total).toEqual([1500, 1500, 1500, 1500, 1610]);
  });

  it('leaves out failed turns, turns without a first token, and questions outside the report', () => {
    const records: EvalRecord[] = shareRecords().map((record) => {
      if (record.type !== 'answer' || record.contestantId !== 'single') return record;
      return { ...record, turns: record.turns.map((turn) => ({ ...turn, status: 'failed' as const })) };
    });
    const [moa, single] = turnTimes(records, SHARE_QUESTIONS.slice(0, 1));
    expect(moa?.total).toEqual([4500]);
    expect(single).toEqual({ contestantId: 'single', firstToken: [], total: [] });
  });
});

describe('p90', () => {
  it('interpolates the 90th percentile and is null for no values', () => {
    expect(p90([0, 10])).toBe(9);
    expect(p90([])).toBeNull();
  });
});
