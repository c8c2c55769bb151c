import { afterEach, beforeEach, expect, inject, vi } from 'vitest';
import { connectionStatsAfter, type FaultOutcome } from './fault-kinds';
import { waitForIdle } from './openai-control';
import { failOnUnhandledErrors } from './unhandled-errors';

/**
 * Common ground for a fault suite file: the `together` provider points at the OpenAI-compatible test server and
 * `groq` at a port that refuses every connection, local model discovery is off, and every test fails on an unhandled
 * rejection or a `console.error`. Runs wait out agent timeouts and Retry-After delays of a few seconds, which the
 * default 5 s test timeout would leave little room for on a loaded machine.
 */
export function setUpFaultSuite(): void {
  vi.setConfig({ testTimeout: 30_000 });
  failOnUnhandledErrors();
  beforeEach(() => {
    vi.stubEnv('LOCAL_MODELS', 'off');
    vi.stubEnv('TOGETHER_API_KEY', 'sk-fault-suite');
    vi.stubEnv('TOGETHER_BASE_URL', inject('openaiBaseUrl'));
    vi.stubEnv('GROQ_API_KEY', 'sk-fault-suite');
    vi.stubEnv('GROQ_BASE_URL', inject('refusedBaseUrl'));
  });
  afterEach(() => vi.unstubAllEnvs());
}

/** Timers may fire a little early as another clock sees them; far less than any deadline or delay measured here. */
export const TIMER_SLACK_MS = 50;

/** A loaded machine may end an agent late, but nowhere near as late as its fault would (60 s, or never). */
export const DEADLINE_SLACK_MS = 10_000;

/**
 * Waits until no response of the namespace is open any more (and every call has started), then expects the server's
 * count of how they ended to match `outcomes`, one per upstream call.
 */
export async function expectConnectionsEnded(namespace: string, outcomes: FaultOutcome[]): Promise<void> {
  const expected = connectionStatsAfter(outcomes);
  expect(await waitForIdle(inject('openaiBaseUrl'), namespace, { minStarted: expected.started })).toEqual(expected);
}
