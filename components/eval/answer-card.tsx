'use client';
import { LazyMarkdown } from '@/components/markdown/lazy-markdown';
import { dollarsText, NOT_YET, secondsText } from '@/lib/eval/report/report-numbers';
import type { AnswerTurn } from '@/lib/eval/run/eval-records';

/** One contestant's answer to one turn, with what it took. */
export function AnswerCard({
  contestantId,
  isReference,
  turn,
}: {
  contestantId: string;
  isReference: boolean;
  turn: AnswerTurn | undefined;
}) {
  return (
    <article
      data-testid={`answer-${contestantId}`}
      className="flex min-w-0 flex-col gap-2 rounded-md border border-zinc-300 p-3 dark:border-zinc-700"
    >
      <h5 className="text-sm font-semibold">
        {contestantId}
        {isReference && <span className="font-normal text-zinc-700 dark:text-zinc-300"> (reference)</span>}
      </h5>
      {!turn && <p className="text-sm text-zinc-700 dark:text-zinc-300">No answer {NOT_YET}.</p>}
      {turn?.status === 'failed' && (
        <p className="text-sm text-red-800 dark:text-red-300">Failed: {turn.error?.message ?? 'no answer'}</p>
      )}
      {turn?.text && <LazyMarkdown text={turn.text} />}
      {turn && (
        <p className="text-xs text-zinc-700 tabular-nums dark:text-zinc-300">
          First token {secondsText(turn.timeToFirstTokenMs)} · total {secondsText(turn.totalMs)} · {turn.inputTokens} in
          / {turn.outputTokens} out tokens · {dollarsText(turn.costUsd)}
        </p>
      )}
    </article>
  );
}
