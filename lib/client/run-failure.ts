import type { AgentError } from '@/lib/protocol/run-parts';
import type { RunState } from './run-state';

/** Where the page can take the user to fix a failure. */
export type FailureAction = 'keys' | 'settings';

/**
 * Why a run failed and what to do, for one line at the answer's place: `cause → advice`, the advice ending on the
 * place to go (`action`) when the fix is in the page, which the chat draws as a button and a shared page as text.
 */
export interface RunFailure {
  cause: string;
  advice?: string;
  action?: { kind: FailureAction; label: string };
}

const KEYS = { kind: 'keys', label: 'API keys' } as const;
const SETTINGS = { kind: 'settings', label: 'Settings' } as const;

/**
 * The most common failure among a failed run's agents (the provider that refused them, and how), else the run's own
 * error. Worked out from the run's parts, so it reads the same after a reload or on a shared page.
 */
export function describeRunFailure(state: RunState): RunFailure | undefined {
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
  if (!common) return { cause: summary.error?.message ?? 'The run failed.' };
  const { provider, model, error } = common;
  const status = error.statusCode !== undefined ? ` (${error.statusCode})` : '';
  switch (error.code) {
    case 'unauthorized':
      return { cause: `${provider} rejected the key${status}`, advice: 'check it under', action: KEYS };
    case 'rate_limited':
      return { cause: `${provider} is rate limiting${status}`, advice: 'wait a minute, then retry' };
    case 'unknown_model':
    case 'bad_request':
      return { cause: `${model} was refused${status}: ${error.message}`, advice: 'pick another model in', action: SETTINGS };
    case 'network_error':
      return { cause: `${provider} could not be reached`, advice: 'check the connection or its status page, then retry' };
    case 'timeout':
      return { cause: `${model} did not answer in time`, advice: 'retry, or allow more time in', action: SETTINGS };
    default:
      return { cause: `${model} failed${status}: ${error.message}`, advice: 'retry, or pick other models in', action: SETTINGS };
  }
}

/** The failure as one sentence, for where it cannot be a button (a shared page, a title). */
export function runFailureText(failure: RunFailure): string {
  if (!failure.advice) return failure.cause;
  return `${failure.cause} → ${failure.advice}${failure.action ? ` ${failure.action.label}` : ''}.`;
}
