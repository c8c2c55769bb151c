import { formatCost, formatCount, formatDuration } from '@/lib/format';
import { liveProgress } from '@/lib/client/live-progress';
import type { LiveClock } from '@/lib/client/run-store';
import type { RunState } from '@/lib/client/run-state';

const LINE = 'text-xs text-zinc-600 tabular-nums dark:text-zinc-400';

/**
 * One line of totals for a run: agents answered, time, tokens, cost. While the run streams the same line says where
 * it stands ("Layer 2 of 3 · 9 of 13 agents done · 5.1 s · $0.004"), so nothing moves when it ends. Spans, not
 * paragraphs: once the run is over the line sits inside the button that opens the diagram.
 */
export function RunTotals({ state, interrupted, live }: { state: RunState; interrupted: boolean; live?: { clock: LiveClock; now: number } }) {
  const { summary, run } = state;
  if (!summary && live && !interrupted) {
    const progress = liveProgress(state);
    if (!progress) return null;
    const elapsed = live.clock.runStartedAt !== undefined ? Math.max(0, live.now - live.clock.runStartedAt) : undefined;
    return (
      <span data-testid="run-progress" className={LINE} aria-live="off">
        Layer {progress.layer} of {progress.layers} · {progress.finished} of {progress.agents} agents done
        {elapsed !== undefined ? ` · ${formatDuration(elapsed)}` : ''} · {formatCost(progress.costUsd)}
        {run?.simulated ? ' · simulated' : ''}
      </span>
    );
  }
  if (!summary) {
    return interrupted ? <span className={LINE}>Stopped before the run finished</span> : null;
  }
  const tokens = summary.usage.inputTokens + summary.usage.outputTokens;
  return (
    <span data-testid="run-summary" className={LINE}>
      {summary.agents.done}/{summary.agents.total} agents answered
      {summary.agents.failed > 0 ? ` · ${summary.agents.failed} failed` : ''}
      {summary.agents.cut > 0 ? ` · ${summary.agents.cut} cut` : ''} · {formatDuration(summary.wallTimeMs)} ·{' '}
      {formatCount(tokens)} tokens · {formatCost(summary.cost)}
      {run?.simulated ? ' · simulated' : ''}
    </span>
  );
}
