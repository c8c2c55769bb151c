import type { Question } from '../questions/question';
import type { AnswerRecord, EvalRecord, GradeRecord, PairwiseRecord, RunRecord } from '../run/eval-records';
import { verdictWord } from './verdict-word';

/** The columns of `recordsToCsv`, in order. */
export const CSV_COLUMNS = [
  'question_id',
  'category',
  'turn',
  'contestant',
  'status',
  'time_to_first_token_ms',
  'total_ms',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'verdict',
  'score',
  'judge_cost_usd',
] as const;

type Cell = string | number | undefined;

/** One field per RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled inside. */
export function csvField(value: Cell): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

/**
 * A spreadsheet of a run: one row per contestant's answer turn over `questions` (in their order, contestants in the
 * settings' order, turns numbered from 1), with what the turn took and how it was judged: the pairwise verdict and
 * score against the reference, or the 1–10 grade. Lines end with CRLF, as RFC 4180 has them.
 */
export function recordsToCsv(records: readonly EvalRecord[], questions: readonly Question[]): string {
  const header = records.find((record): record is RunRecord => record.type === 'run');
  const judged = new Map<string, PairwiseRecord | GradeRecord>();
  const answers = new Map<string, AnswerRecord>();
  for (const record of records) {
    if (record.type === 'answer') answers.set(`${record.questionId}\u0000${record.contestantId}`, record);
    if (record.type === 'pairwise' || record.type === 'grade')
      judged.set(`${record.questionId}\u0000${record.contestantId}\u0000${record.turn}`, record);
  }
  const rows: Cell[][] = [];
  for (const question of questions) {
    for (const contestant of header?.settings.contestants ?? []) {
      const answer = answers.get(`${question.id}\u0000${contestant.id}`);
      answer?.turns.forEach((turn, index) => {
        const judgment = judged.get(`${question.id}\u0000${contestant.id}\u0000${index}`);
        rows.push([
          question.id,
          question.category,
          index + 1,
          contestant.id,
          turn.status,
          turn.timeToFirstTokenMs,
          turn.totalMs,
          turn.inputTokens,
          turn.outputTokens,
          turn.costUsd,
          judgment?.type === 'pairwise' ? verdictWord(judgment.verdict) : undefined,
          judgment?.score,
          judgment?.costUsd,
        ]);
      });
    }
  }
  return [CSV_COLUMNS, ...rows].map(csvLine).join('');
}
