import type { GradeRecord, PairwiseRecord } from '@/lib/eval/run/eval-records';
import type { JudgeOrder } from '@/lib/protocol/judge';
import { verdictWord } from '@/lib/eval/report/verdict-word';

/** Whom a reading preferred, by name rather than by the judge's "moa"/"baseline" sides. */
function preferredName(order: JudgeOrder, record: PairwiseRecord): string {
  if (order.preferred === 'moa') return record.contestantId;
  if (order.preferred === 'baseline') return record.referenceId;
  return order.preferred === 'tie' ? 'a tie' : 'no readable verdict';
}

/** How the judge read one turn: both pairwise readings and their combination, or the grade with its reason. */
export function JudgmentView({ judgment }: { judgment: PairwiseRecord | GradeRecord }) {
  if (judgment.type === 'grade') {
    return (
      <div
        data-testid={`grade-${judgment.contestantId}`}
        className="rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700"
      >
        <p className="font-semibold">
          {judgment.contestantId}: {judgment.score === undefined ? 'no readable grade' : `${judgment.score} of 10`}
          {judgment.referenceGuided && <span className="font-normal"> (graded against the reference answer)</span>}
        </p>
        <p className="whitespace-pre-wrap">{judgment.reason}</p>
      </div>
    );
  }
  return (
    <div
      data-testid={`judgment-${judgment.contestantId}`}
      className="flex flex-col gap-2 rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700"
    >
      <p className="font-semibold">
        {judgment.contestantId} against {judgment.referenceId}: {verdictWord(judgment.verdict)}
        {judgment.score !== undefined && ` (score ${judgment.score})`}
      </p>
      <p>{judgment.reason}</p>
      <ol className="flex flex-col gap-2">
        {judgment.orders.map((order, reading) => (
          <li
            key={order.moaPosition}
            data-testid="judge-reading"
            className="rounded bg-zinc-100 px-2 py-1 dark:bg-zinc-800"
          >
            <span className="font-medium">
              Reading {reading + 1}: {judgment.contestantId} as {order.moaPosition}; the judge chose{' '}
              {order.verdict === 'unparsable' ? 'nothing readable' : order.verdict} ({preferredName(order, judgment)}).
            </span>{' '}
            <span className="whitespace-pre-wrap">{order.reason}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
