'use client';
import { displayStatus, statusLabel, statusReason } from '@/lib/client/agent-display';
import { formatCost, formatDuration } from '@/lib/format';
import type { AgentView } from '@/lib/client/run-state';
import type { RunAgentInfo } from '@/lib/protocol/run-parts';
import { LazyMarkdown } from '@/components/markdown/lazy-markdown';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogCloseButton } from '@/components/ui/dialog';
import { StatusIcon } from './status-icon';

/** A modal with one agent's full output (streaming while it runs), its usage and its timings. */
export function AgentInspector({
  info,
  agent,
  interrupted,
  onClose,
}: {
  info: RunAgentInfo | undefined;
  agent: AgentView | undefined;
  interrupted: boolean;
  onClose: () => void;
}) {
  const status = displayStatus(agent, interrupted);
  const reason = statusReason(agent, status);
  const timings = agent?.timings;
  const facts: [string, string][] = [
    ['Input tokens', agent?.usage ? String(agent.usage.inputTokens) : '–'],
    ['Output tokens', agent?.usage ? String(agent.usage.outputTokens) : '–'],
    ['Cost', formatCost(agent?.cost)],
    ['Time to first token', formatDuration(timings?.timeToFirstTokenMs)],
    ['Duration', formatDuration(timings?.durationMs)],
    ['Tokens/s', timings?.tokensPerSecond !== undefined ? timings.tokensPerSecond.toFixed(1) : '–'],
    ['Attempt', String(agent?.attempt ?? 1)],
  ];
  return (
    <Dialog
      open={info !== undefined}
      onClose={onClose}
      labelledBy="inspector-title"
      testId="agent-inspector"
      width="lg"
    >
      {info && (
        <div className="flex max-h-[85dvh] flex-col">
          <header className="flex items-start justify-between gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-700">
            <div>
              <h2 id="inspector-title" className="font-semibold">
                {info.displayName} <span className="font-normal text-zinc-600 dark:text-zinc-400">· {info.id}</span>
              </h2>
              <p className="flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
                <StatusIcon status={status} /> {statusLabel[status]} · {info.provider}
                {info.role === 'aggregator' ? ' · aggregator' : ''}
                {info.simulated ? ' · simulated' : ''}
              </p>
            </div>
            <div className="flex shrink-0 items-center gap-2">
              {agent?.liveText && <CopyButton text={agent.liveText} label="Copy output" testId="copy-agent-output" />}
              <DialogCloseButton />
            </div>
          </header>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 border-b border-zinc-200 px-5 py-3 text-sm sm:grid-cols-4 dark:border-zinc-700">
            {facts.map(([term, value]) => (
              <div key={term}>
                <dt className="text-xs text-zinc-600 dark:text-zinc-400">{term}</dt>
                <dd className="tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <div className="overflow-y-auto px-5 py-4" data-testid="inspector-output">
            {reason && (
              <p
                role="status"
                className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
              >
                {reason}
              </p>
            )}
            {agent?.liveText ? (
              <LazyMarkdown text={agent.liveText} streaming={agent.status === 'running' && !interrupted} />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No output yet.</p>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
