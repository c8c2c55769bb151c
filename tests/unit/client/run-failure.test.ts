import { describe, expect, it } from 'vitest';
import { describeRunFailure, runFailureText } from '@/lib/client/run-failure';
import { emptyRunState, type RunState, withSkippedAgents } from '@/lib/client/run-state';

const info = (id: string, layer: number, role: 'proposer' | 'aggregator' = 'proposer') => ({
  id,
  layer,
  role,
  model: `together:${id}`,
  displayName: `Model ${id}`,
  provider: 'Together AI',
  simulated: false,
});
const run = { runId: 'r', simulated: false, startedAt: 0, layers: [{ layer: 1, agents: [info('L1.1', 1), info('L1.2', 1)] }, { layer: 2, agents: [info('L2.1', 2, 'aggregator')] }] };
const failed = (id: string, code: string, statusCode?: number) => ({ id, status: 'failed', attempt: 1, liveText: '', error: { code, message: 'Incorrect API key provided.', ...(statusCode ? { statusCode } : {}) } });
const summary = { status: 'error', error: { code: 'no_responses', message: 'Every agent of layer 1 failed, so there is nothing to aggregate.' } };

function failedRun(code: string, statusCode?: number): RunState {
  return {
    ...emptyRunState,
    run,
    agents: { 'L1.1': failed('L1.1', code, statusCode), 'L1.2': failed('L1.2', code, statusCode), 'L2.1': { id: 'L2.1', status: 'queued', attempt: 1, liveText: '' } },
    summary,
  } as unknown as RunState;
}

describe('a failed run’s one line', () => {
  it('names the provider that refused the key, with its status, and where to fix it', () => {
    const failure = describeRunFailure(failedRun('unauthorized', 401));
    expect(failure).toEqual({ cause: 'Together AI rejected the key (401)', advice: 'check it under', action: { kind: 'keys', label: 'API keys' } });
    expect(runFailureText(failure!)).toBe('Together AI rejected the key (401) → check it under API keys.');
  });

  it('says to wait when the provider rate limits, and falls back to the run’s own error', () => {
    const limited = describeRunFailure(failedRun('rate_limited', 429));
    expect(limited?.action).toBeUndefined();
    expect(runFailureText(limited!)).toBe('Together AI is rate limiting (429) → wait a minute, then retry.');
    const noAgentErrors = { ...emptyRunState, run, summary } as unknown as RunState;
    expect(runFailureText(describeRunFailure(noAgentErrors)!)).toBe(summary.error.message);
  });

  it('sends a refused model and any other failure to the settings', () => {
    expect(describeRunFailure(failedRun('unknown_model', 404))).toMatchObject({
      cause: 'Model L1.1 was refused (404): Incorrect API key provided.',
      action: { kind: 'settings' },
    });
    expect(runFailureText(describeRunFailure(failedRun('provider_error', 503))!)).toBe(
      'Model L1.1 failed (503): Incorrect API key provided. → retry, or pick other models in Settings.',
    );
  });

  it('says nothing about a run that succeeded or is still going', () => {
    expect(describeRunFailure({ ...failedRun('unauthorized', 401), summary: undefined })).toBeUndefined();
  });

  it('marks the aggregator of a failed run as skipped, not queued', () => {
    expect(withSkippedAgents(failedRun('unauthorized', 401)).agents['L2.1']?.skipped).toBe(true);
    expect(withSkippedAgents({ ...failedRun('unauthorized', 401), summary: undefined }).agents['L2.1']?.skipped).toBeUndefined();
  });
});
