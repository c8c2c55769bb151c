import type { EvalProgress } from './run-eval';

/**
 * The time the rest of an evaluation should take at the pace of this session: work done before a resume does not
 * count toward the pace. Null until something finished, or when nothing is left.
 */
export function timeLeftMs(progress: EvalProgress, session: { startedDone: number; elapsedMs: number }): number | null {
  const doneNow = progress.done - session.startedDone;
  const left = progress.total - progress.done;
  return doneNow > 0 && left > 0 ? (session.elapsedMs / doneNow) * left : null;
}
