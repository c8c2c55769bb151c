import type { RunState } from '@/lib/client/run-state';
import { formatCost, formatDuration } from '@/lib/client/format';
import { AgentChip } from './agent-chip';

/** A run as columns of layers, the aggregator last, with its totals once it ends. */
export function RunView({ state }: { state: RunState }) {
  const { run, summary } = state;
  if (!run) return null;
  return (
    <section aria-label="Mixture-of-Agents run" className="space-y-2">
      <div className="flex gap-3 overflow-x-auto pb-1">
        {run.layers.map((layer) => {
          const isAggregator = layer.agents[0]?.role === 'aggregator';
          return (
            <div key={layer.layer} className="min-w-36 flex-1">
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
                {isAggregator ? 'Aggregator' : `Layer ${layer.layer}`}
              </h3>
              <ul className="space-y-1">
                {layer.agents.map((info) => (
                  <AgentChip key={info.id} info={info} agent={state.agents[info.id]} />
                ))}
              </ul>
            </div>
          );
        })}
      </div>
      {summary && (
        <p data-testid="run-summary" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          {summary.agents.done}/{summary.agents.total} agents answered · {formatDuration(summary.wallTimeMs)} total ·
          critical path {formatDuration(summary.criticalPathMs)} · {summary.usage.inputTokens + summary.usage.outputTokens}{' '}
          tokens · {formatCost(summary.cost)}
          {run.simulated ? ' (simulated)' : ''}
        </p>
      )}
    </section>
  );
}
