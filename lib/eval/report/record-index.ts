import type { AnswerRecord, EvalRecord, GradeRecord, PairwiseRecord, RunRecord } from '../run/eval-records';

/** The records of a run, findable by what they are about: what a table row or a question's page looks up. */
export interface RecordIndex {
  header: RunRecord | undefined;
  answer(questionId: string, contestantId: string): AnswerRecord | undefined;
  judgment(questionId: string, contestantId: string, turn: number): PairwiseRecord | GradeRecord | undefined;
}

/** Indexes the records once, so a view of a thousand questions does not scan them all per cell. */
export function indexRecords(records: readonly EvalRecord[]): RecordIndex {
  const answers = new Map<string, AnswerRecord>();
  const judgments = new Map<string, PairwiseRecord | GradeRecord>();
  let header: RunRecord | undefined;
  for (const record of records) {
    if (record.type === 'run') header ??= record;
    else if (record.type === 'answer') answers.set(`${record.questionId}\u0000${record.contestantId}`, record);
    else judgments.set(`${record.questionId}\u0000${record.contestantId}\u0000${record.turn}`, record);
  }
  return {
    header,
    answer: (questionId, contestantId) => answers.get(`${questionId}\u0000${contestantId}`),
    judgment: (questionId, contestantId, turn) => judgments.get(`${questionId}\u0000${contestantId}\u0000${turn}`),
  };
}
