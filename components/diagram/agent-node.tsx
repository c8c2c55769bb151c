'use client';
import { memo } from 'react';
import { displayStatus, statusLabel, statusReason, type DisplayStatus } from '@/lib/client/agent-display';
import { DIAGRAM } from '@/lib/client/diagram-layout';
import { formatCost, formatDuration } from '@/lib/format';
import { estimateTokens } from '@/lib/tokens';
import type { AgentView } from '@/lib/client/run-state';
import type { RunAgentInfo } from '@/lib/protocol/run-parts';
import { StatusIcon } from './status-icon';

const tone: Record<DisplayStatus, string> = {
  queued: 'border-zinc-300 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300',
  thinking: 'border-sky-500 bg-sky-50 text-sky-900 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-100',
  streaming: 'border-blue-600 bg-blue-50 text-blue-900 ring-2 ring-blue-300 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100 dark:ring-blue-800',
  retrying: 'border-violet-500 bg-violet-50 text-violet-900 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100',
  done: 'border-emerald-600 bg-emerald-50 text-emerald-900 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-100',
  failed: 'border-red-600 bg-red-50 text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100',
  cut: 'border-amber-600 bg-amber-50 text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100',
  stopped: 'border-zinc-400 bg-zinc-100 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200',
  skipped: 'border-dashed border-zinc-400 bg-zinc-50 text-zinc-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300',
};

export interface AgentFigures {
  tokens: number;
  tokensPerSecond?: number;
  elapsedMs?: number;
  cost?: number;
}

/** Figures for a node: the server's once the agent is final, live estimates before. */
export function agentFigures(
  agent: AgentView | undefined,
  live: { startedAt?: number; firstDeltaAt?: number; now: number } | undefined,
): AgentFigures {
  if (!agent) return { tokens: 0 };
  if (agent.usage || agent.status === 'failed' || agent.status === 'cut') {
    return {
      tokens: agent.usage?.outputTokens ?? estimateTokens(agent.liveText),
      tokensPerSecond: agent.timings?.tokensPerSecond,
      elapsedMs: agent.timings?.durationMs,
      cost: agent.cost,
    };
  }
  const tokens = estimateTokens(agent.liveText);
  const streamingSeconds = live?.firstDeltaAt !== undefined ? (live.now - live.firstDeltaAt) / 1000 : 0;
  return {
    tokens,
    tokensPerSecond: streamingSeconds > 0.2 ? tokens / streamingSeconds : undefined,
    elapsedMs: live?.startedAt !== undefined ? live.now - live.startedAt : undefined,
  };
}

interface AgentNodeProps {
  info: RunAgentInfo;
  agent: AgentView | undefined;
  /** Client clock readings while the agent runs; leave undefined once it is final so the node stays memoized. */
  live?: { startedAt?: number; firstDeltaAt?: number; now: number };
  interrupted: boolean;
  position: { x: number; y: number };
  /** The diagram is one tab stop: only the node that holds it is in the tab order, arrow keys move it. */
  tabStop: boolean;
  onInspect: (agentId: string) => void;
}

/** One agent in the diagram: model, provider, status, tokens, speed, time and cost. Opens its output on click. */
export const AgentNode = memo(function AgentNode({ info, agent, live, interrupted, position, tabStop, onInspect }: AgentNodeProps) {
  const figures = agentFigures(agent, live);
  const status = displayStatus(agent, interrupted);
  const reason = statusReason(agent, status);
  const reasonId = `reason-${info.id}`;
  const summary = [
    `${info.displayName}, ${info.provider}${info.role === 'aggregator' ? ', aggregator' : ''}`,
    statusLabel[status],
    figures.tokens > 0 ? `${figures.tokens} tokens` : undefined,
    figures.elapsedMs !== undefined ? formatDuration(figures.elapsedMs) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <button
      type="button"
      data-testid={`agent-${info.id}`}
      data-agent-id={info.id}
      tabIndex={tabStop ? 0 : -1}
      data-status={status}
      aria-label={`${summary}. Open output.`}
      aria-describedby={reason ? reasonId : undefined}
      onClick={() => onInspect(info.id)}
      className={`group absolute flex flex-col justify-between rounded-lg border px-2.5 py-2 text-left text-xs shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${tone[status]}`}
      style={{ left: position.x, top: position.y, width: DIAGRAM.nodeWidth, height: DIAGRAM.nodeHeight }}
    >
      <span className="flex items-center gap-1.5 font-semibold">
        <StatusIcon status={status} />
        <span className="truncate">{info.displayName}</span>
      </span>
      <span className="flex justify-between gap-2 opacity-80">
        <span className="truncate">
          {info.provider} · {statusLabel[status]}
        </span>
        <span className="tabular-nums">{figures.cost !== undefined ? formatCost(figures.cost) : ''}</span>
      </span>
      <span className="flex justify-between gap-2 tabular-nums opacity-90">
        <span>
          {figures.tokens > 0 ? `${figures.tokens} tok` : '–'}
          {figures.tokensPerSecond !== undefined ? ` · ${Math.round(figures.tokensPerSecond)}/s` : ''}
        </span>
        <span>{figures.elapsedMs !== undefined ? formatDuration(figures.elapsedMs) : ''}</span>
      </span>
      {reason && (
        <span
          id={reasonId}
          role="tooltip"
          className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-64 rounded-md bg-zinc-900 px-2 py-1.5 text-xs font-normal text-white shadow-lg group-hover:block group-focus-visible:block dark:bg-zinc-100 dark:text-zinc-900"
        >
          {reason}
        </span>
      )}
    </button>
  );
});
