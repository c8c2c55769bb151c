import type { EvalProgress } from '../run/run-eval';
import { timeLeftMs } from '../run/time-left';

const BAR_WIDTH = 24;

function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? `${minutes}m${String(total % 60).padStart(2, '0')}s` : `${total}s`;
}

/**
 * One line of progress: a bar, answers and judgments done, spend so far, the time left at the pace of this session
 * (work done before a resume does not count toward the pace), and what is in flight.
 */
export function progressLine(progress: EvalProgress, options: { startedDone: number; elapsedMs: number }): string {
  const fraction = progress.total > 0 ? progress.done / progress.total : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const left = timeLeftMs(progress, options);
  const eta = left !== null ? ` · about ${duration(left)} left` : '';
  const flying = progress.inFlight.slice(0, 3).map((task) => `${task.questionId} ${task.contestantId} (${task.kind})`);
  const more = progress.inFlight.length > 3 ? ` +${progress.inFlight.length - 3}` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${progress.done}/${progress.total} · $${progress.spentUsd.toFixed(4)}${eta}${flying.length ? ` · now: ${flying.join(', ')}${more}` : ''}`;
}
