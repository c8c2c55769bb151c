import { describe, expect, it } from 'vitest';
import { buildReport } from '@/lib/eval/report/build-report';
import { headlineContestants, reportHeadline } from '@/lib/eval/report/report-headline';
import type { GradeRecord } from '@/lib/eval/run/eval-records';
import { SHARE_HEADER, SHARE_QUESTIONS, shareRecords } from '@/tests/support/eval-share-fixtures';

describe('reportHeadline', () => {
  const report = buildReport(shareRecords(), SHARE_QUESTIONS);

  it('writes one headline per contestant but the reference', () => {
    expect(headlineContestants(report).map((contestant) => contestant.id)).toEqual(['moa-lite']);
  });

  it('states the win rate against the reference, its Wilson interval, the LC rate and the cost ratio', () => {
    const [moa] = headlineContestants(report);
    // 3.5 points of 5: 70%, and moa-lite pays three times the reference per question.
    expect(reportHeadline(report, moa!)).toMatch(
      /^moa-lite beats single on 70% of Quick \(95%: \d+–\d+%\), LC \d+%, at 3\.0× the cost\.$/,
    );
  });

  it('says "not yet judged" while no comparison has a score, and never prints NaN', () => {
    const early = buildReport(shareRecords().slice(0, 3), SHARE_QUESTIONS);
    const text = reportHeadline(early, early.contestants[0]!);
    expect(text).toBe('moa-lite against single on Quick: not yet judged.');
    expect(text).not.toMatch(/NaN|undefined|null/);
  });

  it('leaves the cost ratio out when the reference costs nothing', () => {
    const free = shareRecords().map((record) =>
      record.type === 'answer' && record.contestantId === 'single'
        ? { ...record, turns: record.turns.map((turn) => ({ ...turn, costUsd: 0 })) }
        : record,
    );
    const freeReport = buildReport(free, SHARE_QUESTIONS);
    expect(reportHeadline(freeReport, freeReport.contestants[0]!)).not.toContain('the cost');
  });

  it('states the mean grade with its interval and the cost against the cheapest other contestant for MT-Bench', () => {
    const settings = { ...SHARE_HEADER.settings, protocol: 'mt-bench' as const, referenceId: undefined };
    const grade = (questionId: string, contestantId: string, score: number): GradeRecord => ({
      type: 'grade',
      questionId,
      turn: 0,
      contestantId,
      score,
      referenceGuided: false,
      reason: 'ok',
      costUsd: 0.0001,
    });
    const records = [
      { ...SHARE_HEADER, settings },
      ...shareRecords().filter((record) => record.type === 'answer'),
      grade('q-math-1', 'moa-lite', 8),
      grade('q-math-2', 'moa-lite', 9),
      grade('q-math-1', 'single', 6),
    ];
    const graded = buildReport(records, SHARE_QUESTIONS);
    expect(headlineContestants(graded)).toHaveLength(2);
    expect(reportHeadline(graded, graded.contestants[0]!)).toMatch(
      /^moa-lite scores 8\.5 of 10 on Quick \(95%: 8\.0–9\.0\), at 3\.0× the cost of single\.$/,
    );
    const none = buildReport(records.slice(0, 1), SHARE_QUESTIONS);
    expect(reportHeadline(none, none.contestants[1]!)).toBe('single on Quick: not yet graded.');
  });
});
