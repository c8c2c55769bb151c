import { formatCost, formatCount, formatDuration } from '@/lib/format';
import type { RunState } from '@/lib/client/run-state';

/** One line of totals for a run: agents answered, time, tokens, cost. */
export function RunTotals({ state, interrupted }: { state: RunState; interrupted: boolean }) {
  const { summary, run } = state;
  if (!summary) {
    return interrupted ? (
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Stopped before the run finished.</p>
    ) : null;
  }
  const tokens = summary.usage.inputTokens + summary.usage.outputTokens;
  return (
    <p data-testid="run-summary" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      {summary.agents.done}/{summary.agents.total} agents answered
      {summary.agents.failed > 0 ? ` · ${summary.agents.failed} failed` : ''}
      {summary.agents.cut > 0 ? ` · ${summary.agents.cut} cut` : ''} · {formatDuration(summary.wallTimeMs)} ·{' '}
      {formatCount(tokens)} tokens · {formatCost(summary.cost)}
      {run?.simulated ? ' · simulated' : ''}
    </p>
  );
}
