import type { AgentError } from '@/lib/protocol/run-parts';
import type { RunState } from './run-state';

/**
 * Why a run failed, in one line at the answer's place, with what to do: the most common failure among its agents
 * (the provider that refused them, and how), else the run's own error. Worked out from the run's parts, so it reads
 * the same after a reload or on a shared page.
 */
export function describeRunFailure(state: RunState): string | undefined {
  const summary = state.summary;
  if (summary?.status !== 'error') return undefined;
  const failures = (state.run?.layers ?? [])
    .flatMap((layer) => layer.agents)
    .flatMap((info) => {
      const error = state.agents[info.id]?.error;
      return state.agents[info.id]?.status === 'failed' && error ? [{ info, error }] : [];
    });
  const counts = new Map<string, { count: number; provider: string; model: string; error: AgentError }>();
  for (const { info, error } of failures) {
    const key = `${info.provider}\u0000${error.code}`;
    const entry = counts.get(key) ?? { count: 0, provider: info.provider, model: info.displayName, error };
    entry.count += 1;
    counts.set(key, entry);
  }
  const common = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  if (!common) return summary.error?.message ?? 'The run failed.';
  const { provider, model, error } = common;
  const status = error.statusCode !== undefined ? ` (${error.statusCode})` : '';
  switch (error.code) {
    case 'unauthorized':
      return `The ${provider} key was rejected${status} → check it under API keys.`;
    case 'rate_limited':
      return `The ${provider} provider is rate limiting${status} → wait a minute, then retry.`;
    case 'unknown_model':
    case 'bad_request':
      return `${model} was refused${status}: ${error.message} → pick another model in Settings.`;
    case 'network_error':
      return `The ${provider} provider could not be reached → check the connection or its status page, then retry.`;
    case 'timeout':
      return `${model} did not answer in time → retry, or allow more time in Settings.`;
    default:
      return `${model} failed${status}: ${error.message} → retry, or pick other models in Settings.`;
  }
}
