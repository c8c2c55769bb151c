import type { Question } from '@/lib/eval/questions/question';
import type { AnswerRecord, EvalRecord, PairwiseRecord, RunRecord } from '@/lib/eval/run/eval-records';
import { evalSettingsSchema } from '@/lib/eval/run/eval-settings';

/** Four questions in two categories; the last has two turns. */
export const SHARE_QUESTIONS: Question[] = [
  { id: 'q-math-1', category: 'math', turns: ['What is 17 × 23?'] },
  { id: 'q-math-2', category: 'math', turns: ['Is 221 prime?'] },
  { id: 'q-writing-1', category: 'writing', turns: ['Write a haiku about "rain", with a comma.'] },
  { id: 'q-writing-2', category: 'writing', turns: ['Name a colour.', 'Now a darker one.'] },
];

/** A simulated pairwise run: `moa-lite` (a MoA) against the reference `single`. */
export const SHARE_HEADER: RunRecord = {
  type: 'run',
  version: 1,
  settings: evalSettingsSchema.parse({
    suite: 'quick',
    protocol: 'pairwise',
    contestants: [
      {
        kind: 'moa',
        id: 'moa-lite',
        config: {
          layers: [{ agents: [{ model: 'simulator:p1' }, { model: 'simulator:p2' }] }],
          aggregator: { model: 'simulator:agg' },
        },
      },
      { kind: 'model', id: 'single', model: 'simulator:single' },
    ],
    referenceId: 'single',
    judgeModel: 'simulator:judge',
  }),
  suiteName: 'Quick',
  questionIds: SHARE_QUESTIONS.map((question) => question.id),
  simulated: true,
  startedAt: '2026-12-02T10:00:00.000Z',
};

function answer(questionId: string, contestantId: string, turns: number, scale: number): AnswerRecord {
  return {
    type: 'answer',
    questionId,
    contestantId,
    turns: Array.from({ length: turns }, (_, turn) => ({
      status: 'done' as const,
      text: `**${contestantId}** answers turn ${turn + 1} of ${questionId}:\n\n- a point, with "quotes"`,
      timeToFirstTokenMs: 400 * scale + 37 * turn,
      totalMs: 1500 * scale + 110 * turn,
      inputTokens: 120 * scale,
      outputTokens: 80 * scale,
      costUsd: Number((0.0004 * scale).toFixed(6)),
    })),
  };
}

function pairwise(questionId: string, turn: number, score: number): PairwiseRecord {
  const preferred = score > 0.5 ? 'moa' : score < 0.5 ? 'baseline' : 'tie';
  return {
    type: 'pairwise',
    questionId,
    turn,
    contestantId: 'moa-lite',
    referenceId: 'single',
    verdict: preferred,
    score,
    reason: `Both readings: ${preferred}.`,
    orders: [
      {
        moaPosition: 'A',
        verdict: preferred === 'moa' ? 'A' : preferred === 'tie' ? 'tie' : 'B',
        preferred,
        reason: `First reading of ${questionId}.`,
      },
      {
        moaPosition: 'B',
        verdict: preferred === 'moa' ? 'B' : preferred === 'tie' ? 'tie' : 'A',
        preferred,
        reason: `Second reading of ${questionId}.`,
      },
    ],
    contestantChars: 60 + 10 * turn,
    referenceChars: 50,
    costUsd: 0.0002,
  };
}

/** The run's records, header first: moa-lite wins three turns, ties one and loses one. */
export function shareRecords(): EvalRecord[] {
  return [
    SHARE_HEADER,
    ...SHARE_QUESTIONS.flatMap((question) => [
      answer(question.id, 'moa-lite', question.turns.length, 3),
      answer(question.id, 'single', question.turns.length, 1),
    ]),
    pairwise('q-math-1', 0, 1),
    pairwise('q-math-2', 0, 1),
    pairwise('q-writing-1', 0, 0.5),
    pairwise('q-writing-2', 0, 1),
    pairwise('q-writing-2', 1, 0),
  ];
}
