import type { AgentView } from './run-state';

/** What a node shows: the agent's status refined by what the client knows (text arriving, a retry, a stop). */
export type DisplayStatus = 'queued' | 'thinking' | 'streaming' | 'retrying' | 'done' | 'failed' | 'cut' | 'stopped' | 'skipped';

/**
 * `interrupted`: the run ended without its summary (the user stopped it, or the connection dropped), so agents
 * still queued or running will not finish.
 */
export function displayStatus(agent: AgentView | undefined, interrupted: boolean): DisplayStatus {
  const status = agent?.status ?? 'queued';
  if (status === 'done' || status === 'failed' || status === 'cut') return status;
  if (interrupted) return 'stopped';
  if (status === 'queued') return agent?.skipped ? 'skipped' : 'queued';
  if (agent?.error) return 'retrying';
  return (agent?.liveText.length ?? 0) > 0 ? 'streaming' : 'thinking';
}

export const statusLabel: Record<DisplayStatus, string> = {
  queued: 'Queued',
  thinking: 'Thinking',
  streaming: 'Streaming',
  retrying: 'Retrying',
  done: 'Done',
  failed: 'Failed',
  cut: 'Cut',
  stopped: 'Stopped',
  skipped: 'Skipped',
};

/** Why a node ended the way it did, for its tooltip and screen readers. */
export function statusReason(agent: AgentView | undefined, status: DisplayStatus): string | undefined {
  if (status === 'stopped') return 'The run was stopped before this agent finished.';
  if (status === 'skipped') return 'Not run: the run failed before this agent’s turn.';
  if (status === 'retrying' && agent?.error) return `Retrying (attempt ${agent.attempt}) after: ${agent.error.message}`;
  if ((status === 'failed' || status === 'cut') && agent?.error) return agent.error.message;
  return undefined;
}
