import { percentile } from '@/lib/stats/bootstrap';
import type { Question } from '../questions/question';
import type { EvalRecord } from '../run/eval-records';

/** One contestant's times over its answered turns, each list sorted, in milliseconds. */
export interface TurnTimes {
  contestantId: string;
  firstToken: number[];
  total: number[];
}

/** Every answered turn's time to first token and total time, per contestant in the settings' order, over `questions`. */
export function turnTimes(records: readonly EvalRecord[], questions: readonly Question[]): TurnTimes[] {
  const header = records.find((record) => record.type === 'run');
  const asked = new Set(questions.map((question) => question.id));
  return (header?.settings.contestants ?? []).map(({ id }) => {
    const turns = records.flatMap((record) =>
      record.type === 'answer' && record.contestantId === id && asked.has(record.questionId)
        ? record.turns.filter((turn) => turn.status === 'done')
        : [],
    );
    const sorted = (values: number[]) => values.sort((a, b) => a - b);
    return {
      contestantId: id,
      firstToken: sorted(
        turns.flatMap((turn) => (turn.timeToFirstTokenMs === undefined ? [] : [turn.timeToFirstTokenMs])),
      ),
      total: sorted(turns.map((turn) => turn.totalMs)),
    };
  });
}

/** The 90th percentile of sorted values, as the report computes it; null for none. */
export const p90 = (sorted: readonly number[]) => (sorted.length > 0 ? percentile(sorted, 0.9) : null);
