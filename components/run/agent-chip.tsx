import type { AgentView } from '@/lib/client/run-state';
import { approximateTokens, formatDuration } from '@/lib/client/format';
import type { RunAgentInfo } from '@/lib/protocol/run-parts';

const statusStyle: Record<AgentView['status'], string> = {
  queued: 'border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400',
  running: 'border-sky-500 text-sky-800 dark:text-sky-300',
  done: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  failed: 'border-red-600 text-red-800 dark:text-red-300',
  cut: 'border-amber-600 text-amber-800 dark:text-amber-300',
};

const statusLabel: Record<AgentView['status'], string> = {
  queued: 'queued',
  running: 'thinking',
  done: 'done',
  failed: 'failed',
  cut: 'cut',
};

/** One agent of a run: model, status, tokens and time; a failure says why in its title. */
export function AgentChip({ info, agent }: { info: RunAgentInfo; agent: AgentView | undefined }) {
  const status = agent?.status ?? 'queued';
  const streaming = status === 'running' && (agent?.liveText.length ?? 0) > 0;
  const tokens = agent?.usage?.outputTokens ?? approximateTokens(agent?.liveText ?? '');
  return (
    <li
      data-testid={`agent-${info.id}`}
      data-status={status}
      title={agent?.error ? `${agent.error.code}: ${agent.error.message}` : undefined}
      className={`rounded-md border px-2 py-1 text-xs ${statusStyle[status]}`}
    >
      <div className="truncate font-medium">{info.displayName}</div>
      <div className="flex justify-between gap-2 tabular-nums">
        <span>{streaming ? 'streaming' : statusLabel[status]}</span>
        <span>
          {tokens > 0 ? `${tokens} tok` : ''} {agent?.timings?.durationMs !== undefined ? formatDuration(agent.timings.durationMs) : ''}
        </span>
      </div>
    </li>
  );
}
