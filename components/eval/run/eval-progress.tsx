'use client';

import { Button } from '@/components/ui/button';
import { hintClass } from '@/components/ui/field';
import type { EvalRunView } from '@/lib/client/eval/use-eval-run';
import { useNow } from '@/lib/client/use-now';
import { timeLeftMs } from '@/lib/eval/run/time-left';
import { workTotal } from '@/lib/eval/run/work-total';
import { formatCost, formatWait } from '@/lib/format';

const TASK_WORDS = { answer: 'Answering', judge: 'Judging', grade: 'Grading' } as const;

/** What the stored status means to someone who comes back to the page. */
export function statusLabel(view: EvalRunView): string {
  const status = view.stored?.status;
  if (view.running) return 'Running';
  if (status === 'running') return 'Interrupted (the page was closed or reloaded)';
  if (status === 'stopped') return 'Stopped';
  if (status === 'spend_cap') return 'Stopped at the spend cap';
  if (status === 'halted') return 'Halted';
  return 'Finished';
}

/**
 * An evaluation's state at a glance: a progress bar with the time left at this session's pace and the spend so far,
 * the calls in flight with how long each has taken, and Stop or Resume.
 */
export function EvalProgress({ view, onStop, onResume }: { view: EvalRunView; onStop: () => void; onResume: () => void }) {
  const now = useNow(view.running, 1000);
  const stored = view.stored;
  if (!stored) return null;
  const done = view.progress?.done ?? view.records.filter((record) => record.type !== 'run').length;
  const total = view.progress?.total ?? workTotal(stored.settings, stored.questions);
  const spent =
    view.progress?.spentUsd ??
    view.records.reduce((sum, record) => sum + (record.type === 'answer' ? record.turns.reduce((turns, turn) => turns + turn.costUsd, 0) : record.type === 'run' ? 0 : record.costUsd), 0);
  const epochNow = performance.timeOrigin + now;
  const left =
    view.running && view.progress && view.session
      ? timeLeftMs(view.progress, { startedDone: view.session.startedDone, elapsedMs: epochNow - view.session.startedAt })
      : null;
  const percent = total > 0 ? Math.round((done / total) * 100) : 100;
  const finished = stored.status === 'done' && !view.running;

  return (
    <section aria-label="Progress" className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium" data-testid="eval-status">
          {statusLabel(view)}
          {stored.status === 'halted' && !view.running && stored.haltReason ? `: ${stored.haltReason}` : ''}
        </p>
        <div className="flex gap-2">
          {view.running ? (
            <Button onClick={onStop} data-testid="eval-stop">
              Stop
            </Button>
          ) : (
            !finished && (
              <Button variant="primary" onClick={onResume} data-testid="eval-resume">
                Resume
              </Button>
            )
          )}
        </div>
      </div>
      <div
        role="progressbar"
        aria-label="Answers and judgments done"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total}`}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-sky-600 transition-[width] dark:bg-sky-400" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm tabular-nums" data-testid="eval-counts">
        {done} of {total} answers and judgments · {formatCost(spent)} {stored.simulated ? 'at catalog prices (simulated: nothing is billed)' : 'spent'}
        {stored.settings.spendCapUsd !== undefined ? ` of a $${stored.settings.spendCapUsd} cap` : ''}
        {left !== null ? ` · about ${formatWait(left / 1000)} left` : ''}
      </p>
      {view.running && view.progress && view.progress.inFlight.length > 0 && (
        <div>
          <h3 className={hintClass}>In flight</h3>
          <ul className="mt-1 grid gap-1 text-sm sm:grid-cols-2" data-testid="eval-in-flight">
            {view.progress.inFlight.map((task) => {
              const question = stored.questions.find((candidate) => candidate.id === task.questionId);
              const turns = question?.turns.length ?? 1;
              return (
                <li key={`${task.kind}-${task.questionId}-${task.contestantId}-${task.turn}`} className="truncate tabular-nums">
                  {TASK_WORDS[task.kind]} <span className="font-mono text-xs">{task.questionId}</span> · {task.contestantId}
                  {turns > 1 ? ` · turn ${task.turn + 1} of ${turns}` : ''} · {formatWait(Math.max(0, epochNow - task.startedAt) / 1000)}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
