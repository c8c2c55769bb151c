import type { Question } from '../questions/question';
import type { EvalRecord } from '../run/eval-records';
import { indexRecords } from './record-index';
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
  const index = indexRecords(records);
  const rows: Cell[][] = [];
  for (const question of questions) {
    for (const contestant of index.header?.settings.contestants ?? []) {
      index.answer(question.id, contestant.id)?.turns.forEach((turn, turnIndex) => {
        const judgment = index.judgment(question.id, contestant.id, turnIndex);
        rows.push([
          question.id,
          question.category,
          turnIndex + 1,
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
