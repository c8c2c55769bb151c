import type { ErrorCode } from '@/lib/protocol/run-parts';
import type { Behavior, ConnectionStats } from './openai-control';

/** How the test server counts each response of a fault; `none` when the connection never reaches it. */
export type FaultOutcome = Exclude<keyof ConnectionStats, 'started' | 'open'> | 'none';

/** One way a provider can fail, and how an agent hit by it must end. */
export interface FaultKind {
  name: string;
  /** What the test server does. Undefined for a refused connection: the agent's provider points at a closed port. */
  behavior?: Behavior;
  /** The error the agent reports (with the HTTP status when there is one). */
  error: { code: ErrorCode; statusCode?: number };
  /** What the agent's reason, as the user reads it, must say. */
  reason: RegExp;
  /** Retried by the engine (429, 5xx, network errors): a proposer with `maxRetries: 1` calls twice. */
  retryable: boolean;
  /** Lasts until the agent's time limit stops it, which leaves no time for a retry, even the aggregator's. */
  outlastsTimeout: boolean;
  /** How the server sees every call that met the fault end. */
  outcome: FaultOutcome;
}

/** Long enough that a response cut short is still streaming when the client lets go of it. */
const LONG_ANSWER = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ');

/** The faults of the issue, each as the test server (or a closed port) plays it. */
export const FAULT_KINDS: FaultKind[] = [
  {
    name: '429 with Retry-After',
    behavior: { status: 429, retryAfter: '1' },
    error: { code: 'rate_limited', statusCode: 429 },
    reason: /429/,
    retryable: true,
    outlastsTimeout: false,
    outcome: 'completed',
  },
  {
    name: '429 without Retry-After',
    behavior: { status: 429 },
    error: { code: 'rate_limited', statusCode: 429 },
    reason: /429/,
    retryable: true,
    outlastsTimeout: false,
    outcome: 'completed',
  },
  {
    name: '500',
    behavior: { status: 500 },
    error: { code: 'provider_error', statusCode: 500 },
    reason: /500/,
    retryable: true,
    outlastsTimeout: false,
    outcome: 'completed',
  },
  {
    name: '503',
    behavior: { status: 503 },
    error: { code: 'provider_error', statusCode: 503 },
    reason: /503/,
    retryable: true,
    outlastsTimeout: false,
    outcome: 'completed',
  },
  {
    name: 'connection refused',
    error: { code: 'network_error' },
    reason: /cannot connect.*ECONNREFUSED/i,
    retryable: true,
    outlastsTimeout: false,
    outcome: 'none',
  },
  {
    name: 'slow first byte past the timeout',
    behavior: { firstByteMs: 60_000 },
    error: { code: 'timeout' },
    reason: /timed out/i,
    retryable: false,
    outlastsTimeout: true,
    outcome: 'clientClosed',
  },
  {
    name: 'stream cut mid-answer',
    behavior: { text: LONG_ANSWER, disconnectAfterTokens: 3 },
    error: { code: 'network_error' },
    reason: /connection .* broke off mid-answer/i,
    retryable: true,
    outlastsTimeout: false,
    outcome: 'serverClosed',
  },
  {
    name: 'malformed SSE line',
    behavior: { text: LONG_ANSWER, tokensPerSecond: 20, malformedAfterTokens: 2 },
    error: { code: 'provider_error' },
    reason: /JSON parsing failed/i,
    retryable: false,
    outlastsTimeout: false,
    outcome: 'clientClosed',
  },
  {
    name: 'empty completion',
    behavior: { empty: true },
    error: { code: 'empty_response' },
    reason: /empty answer/i,
    retryable: false,
    outlastsTimeout: false,
    outcome: 'completed',
  },
  {
    name: 'hang',
    behavior: { hang: true },
    error: { code: 'timeout' },
    reason: /timed out/i,
    retryable: false,
    outlastsTimeout: true,
    outcome: 'clientClosed',
  },
];

/** The stats the server should hold once every call has ended, given how each one ended. */
export function connectionStatsAfter(outcomes: FaultOutcome[]): ConnectionStats {
  const count = (outcome: FaultOutcome) => outcomes.filter((each) => each === outcome).length;
  return {
    started: outcomes.length - count('none'),
    completed: count('completed'),
    clientClosed: count('clientClosed'),
    serverClosed: count('serverClosed'),
    open: 0,
  };
}
