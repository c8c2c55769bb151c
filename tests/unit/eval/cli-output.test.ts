import { describe, expect, it } from 'vitest';
import { formatReport } from '@/lib/eval/cli/format-report';
import { progressLine } from '@/lib/eval/cli/progress-line';
import type { Question } from '@/lib/eval/questions/question';
import { buildReport } from '@/lib/eval/report/build-report';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { evalSettings } from '@/tests/support/eval-fixtures';

describe('progressLine', () => {
  it('shows the bar, the count, the spend, the time left at this session’s pace and what is in flight', () => {
    const line = progressLine(
      {
        total: 40,
        done: 20,
        spentUsd: 0.1234,
        inFlight: [
          { kind: 'answer', questionId: 'q9', contestantId: 'moa', turn: 0, startedAt: 0 },
          { kind: 'judge', questionId: 'q3', contestantId: 'moa', turn: 0, startedAt: 0 },
        ],
      },
      // 10 done in this session in 30 s: 20 left take 60 s.
      { startedDone: 10, elapsedMs: 30_000 },
    );
    expect(line).toBe('[############............] 20/40 · $0.1234 · about 1m00s left · now: q9 moa (answer), q3 moa (judge)');
  });

  it('has no estimate before anything finished in this session', () => {
    expect(progressLine({ total: 4, done: 1, spentUsd: 0, inFlight: [] }, { startedDone: 1, elapsedMs: 5_000 })).toBe('[######..................] 1/4 · $0.0000');
  });
});

describe('formatReport', () => {
  const questions: Question[] = [1, 2, 3, 4].map((index) => ({ id: `q${index}`, category: 'math', turns: ['x'] }));
  const turn = (costUsd: number, text: string) => ({ status: 'done' as const, text, timeToFirstTokenMs: 1000, totalMs: 2000, inputTokens: 10, outputTokens: 20, costUsd });
  const records: EvalRecord[] = [
    { type: 'run', version: 1, settings: evalSettings(), suiteName: 'Quick', questionIds: questions.map((question) => question.id), simulated: true, startedAt: '2026-12-02T00:00:00.000Z' },
    ...questions.flatMap((question): EvalRecord[] => [
      { type: 'answer', questionId: question.id, contestantId: 'moa', turns: [turn(0.06, 'long answer')] },
      { type: 'answer', questionId: question.id, contestantId: 'single', turns: [turn(0.01, 'short')] },
    ]),
    ...[1, 1, 1, 0].map((score, index): EvalRecord => ({
      type: 'pairwise',
      questionId: `q${index + 1}`,
      turn: 0,
      contestantId: 'moa',
      referenceId: 'single',
      verdict: score === 1 ? 'moa' : 'baseline',
      score,
      reason: '',
      orders: [
        { moaPosition: 'A', verdict: score === 1 ? 'A' : 'B', reason: '' },
        { moaPosition: 'B', verdict: score === 1 ? 'B' : 'A', reason: '' },
      ],
      contestantChars: 11,
      referenceChars: 5,
      costUsd: 0,
    })),
  ];
  const report = buildReport(records, questions);

  it('ends with the headline the page shows: win rate, interval, length-controlled rate and cost ratio', () => {
    expect(formatReport(report).split('\n').at(-1)).toMatch(/^moa beats single on 75% of Quick \(95%: 30–95%\), LC \d+%, at 6\.0× the cost\.$/);
  });

  it('labels simulated results and shows quality, time and cost per contestant', () => {
    const text = formatReport(report);
    expect(text.startsWith('SIMULATED:')).toBe(true);
    expect(text).toContain('3/0/1');
    expect(text).toContain('1.0 s / 1.0 s');
    expect(text).toContain('$0.060');
  });
});
