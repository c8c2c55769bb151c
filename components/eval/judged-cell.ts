import type { RecordIndex } from '@/lib/eval/report/record-index';
import { NOT_YET } from '@/lib/eval/report/report-numbers';
import { verdictWord } from '@/lib/eval/report/verdict-word';

/** A contestant's result on one question, turn by turn: "won · lost" (pairwise) or "8 · 9" (grades). */
export function judgedCell(index: RecordIndex, questionId: string, contestantId: string, turns: number): string {
  const parts = Array.from({ length: turns }, (_, turn) => {
    const judgment = index.judgment(questionId, contestantId, turn);
    if (!judgment) return NOT_YET;
    if (judgment.type === 'pairwise') return verdictWord(judgment.verdict);
    return judgment.score === undefined ? 'unreadable' : String(judgment.score);
  });
  return parts.every((part) => part === NOT_YET) ? NOT_YET : parts.join(' · ');
}
