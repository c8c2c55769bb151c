import { describe, expect, it } from 'vitest';
import type { Question } from '@/lib/eval/questions/question';
import { buildReport } from '@/lib/eval/report/build-report';
import type { AnswerRecord, EvalRecord, PairwiseRecord } from '@/lib/eval/run/eval-records';
import { evalSettings } from '@/tests/support/eval-fixtures';

const questions: Question[] = [
  { id: 'q1', category: 'math', turns: ['a'] },
  { id: 'q2', category: 'math', turns: ['b'] },
  { id: 'q3', category: 'writing', turns: ['c'] },
];

const answer = (questionId: string, contestantId: string, ttft: number, total: number, cost: number): AnswerRecord => ({
  type: 'answer',
  questionId,
  contestantId,
  turns: [{ status: 'done', text: 'x', timeToFirstTokenMs: ttft, totalMs: total, inputTokens: 100, outputTokens: 50, costUsd: cost }],
});
const pairwise = (questionId: string, score: number): PairwiseRecord => ({
  type: 'pairwise',
  questionId,
  turn: 0,
  contestantId: 'moa',
  referenceId: 'single',
  verdict: score > 0.5 ? 'moa' : score < 0.5 ? 'baseline' : 'tie',
  score,
  reason: '',
  orders: [
    { moaPosition: 'A', verdict: 'A', reason: '' },
    { moaPosition: 'B', verdict: 'B', reason: '' },
  ],
  contestantChars: 10,
  referenceChars: 10,
  costUsd: 0.5,
});

describe('buildReport', () => {
  const records: EvalRecord[] = [
    { type: 'run', version: 1, settings: evalSettings(), suiteName: 'Quick', questionIds: ['q1', 'q2', 'q3'], simulated: true, startedAt: '2026-12-02T00:00:00.000Z' },
    answer('q1', 'moa', 1000, 3000, 0.02),
    answer('q2', 'moa', 2000, 5000, 0.04),
    answer('q3', 'moa', 4000, 9000, 0.06),
    answer('q1', 'single', 200, 1000, 0.01),
    answer('q2', 'single', 300, 1200, 0.01),
    answer('q3', 'single', 400, 1400, 0.01),
    pairwise('q1', 1),
    pairwise('q2', 0.5),
    pairwise('q3', 0),
  ];
  const report = buildReport(records, questions);
  const moa = report.contestants[0];

  it('gives the median and 90th percentile of time to first token and total time per contestant', () => {
    // Three values 1000, 2000, 4000: median 2000; p90 interpolates 80% of the way from 2000 to 4000.
    expect(moa?.cost.timeToFirstToken).toEqual({ median: 2000, p90: 3600 });
    expect(moa?.cost.totalTime).toEqual({ median: 5000, p90: 8200 });
  });

  it('gives tokens and cost per question and the totals, the judge’s included', () => {
    expect(moa?.cost).toMatchObject({ answered: 3, failed: 0, inputTokensPerQuestion: 100, outputTokensPerQuestion: 50 });
    expect(moa?.cost.costPerQuestionUsd).toBeCloseTo(0.04, 12);
    expect(report.judgeCostUsd).toBeCloseTo(1.5, 12);
    expect(report.totalCostUsd).toBeCloseTo(0.12 + 0.03 + 1.5, 12);
  });

  it('counts only the questions it is given, whatever the header listed', () => {
    const firstTwo = buildReport(records, questions.slice(0, 2));
    expect(firstTwo.questions).toBe(2);
    expect(firstTwo.contestants[0]?.cost.answered).toBe(2);
    expect(firstTwo.contestants[0]?.pairwise?.n).toBe(2);
  });

  it('gives the win rate against the reference overall and per category, and none for the reference itself', () => {
    expect(moa?.pairwise?.winRate).toBeCloseTo(0.5, 12);
    expect(moa?.pairwise?.byCategory.math).toMatchObject({ n: 2, winRate: 0.75 });
    expect(moa?.pairwise?.byCategory.writing).toMatchObject({ n: 1, winRate: 0 });
    expect(report.contestants[1]).toMatchObject({ id: 'single', isReference: true });
    expect(report.contestants[1]?.pairwise).toBeUndefined();
  });
});
