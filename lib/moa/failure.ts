import type { AgentError, ErrorCode } from '@/lib/protocol/run-parts';
import { redactSecrets } from '@/lib/security/redact';

/** Why an agent's call was stopped from our side. Used as the abort reason so the cause survives the SDK. */
export class AgentStopReason extends Error {
  constructor(readonly kind: 'cut' | 'timeout' | 'aborted') {
    super(`agent ${kind}`);
    this.name = 'AgentStopReason';
  }
}

/** A model call that finished without any text: nothing an aggregator could use. */
export class EmptyResponseError extends Error {
  constructor() {
    super('The model returned an empty answer.');
    this.name = 'EmptyResponseError';
  }
}

/** A failure the engine understood: what to tell the user, and whether trying again could help. */
export interface ClassifiedFailure {
  error: AgentError;
  retryable: boolean;
  /** From a `Retry-After` header, when the provider sent one. */
  retryAfterMs?: number;
}

interface ProviderLikeError {
  statusCode?: number;
  isRetryable?: boolean;
  responseHeaders?: Record<string, string>;
  message?: string;
}

function asProviderError(error: unknown): ProviderLikeError | undefined {
  return typeof error === 'object' && error !== null ? (error as ProviderLikeError) : undefined;
}

/** Parses `Retry-After` (seconds or an HTTP date) against `nowEpochMs`. */
export function parseRetryAfter(value: string | undefined, nowEpochMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowEpochMs);
}

function codeForStatus(statusCode: number): ErrorCode {
  if (statusCode === 429) return 'rate_limited';
  if (statusCode === 401 || statusCode === 403) return 'unauthorized';
  if (statusCode === 408) return 'timeout';
  if (statusCode >= 400 && statusCode < 500) return 'bad_request';
  return 'provider_error';
}

/**
 * Short, user-facing text; provider bodies can be long or carry request details, so only the first line is kept,
 * with keys and addresses taken out.
 */
function shortMessage(message: string | undefined, fallback: string): string {
  const firstLine = (message ?? '').split('\n')[0]?.trim() ?? '';
  return firstLine.length > 0 ? redactSecrets(firstLine).slice(0, 300) : fallback;
}

/**
 * Sorts an error thrown by a model call into one of our codes. Provider errors are recognised by their fields
 * (`statusCode`, `isRetryable`), never by matching message text.
 */
export function classifyFailure(error: unknown, nowEpochMs: number): ClassifiedFailure {
  if (error instanceof AgentStopReason) {
    const code: ErrorCode = error.kind === 'timeout' ? 'timeout' : error.kind;
    const message =
      error.kind === 'cut'
        ? 'Cut by the straggler policy: the layer went on without this agent.'
        : error.kind === 'timeout'
          ? 'Timed out: the agent did not finish within its time limit.'
          : 'Stopped: the run was aborted.';
    return { error: { code, message }, retryable: false };
  }
  if (error instanceof EmptyResponseError) {
    return { error: { code: 'empty_response', message: error.message }, retryable: false };
  }
  const provider = asProviderError(error);
  const statusCode = provider?.statusCode;
  // The SDK reports a body that broke off mid-stream with the response's own 2xx status, marked retryable when the
  // cause was the connection ("Failed to process successful response" would tell the user nothing).
  if (typeof statusCode === 'number' && statusCode < 300 && provider?.isRetryable) {
    return {
      error: { code: 'network_error', message: 'The connection to the provider broke off mid-answer.' },
      retryable: true,
    };
  }
  if (typeof statusCode === 'number') {
    const retryable = provider?.isRetryable ?? (statusCode === 429 || statusCode >= 500);
    return {
      error: {
        code: codeForStatus(statusCode),
        statusCode,
        message: shortMessage(provider?.message, `The provider answered HTTP ${statusCode}.`),
      },
      retryable,
      retryAfterMs: parseRetryAfter(provider?.responseHeaders?.['retry-after'], nowEpochMs),
    };
  }
  if (provider?.isRetryable || error instanceof TypeError) {
    return {
      error: { code: 'network_error', message: shortMessage(provider?.message, 'The connection to the provider failed.') },
      retryable: true,
    };
  }
  return {
    error: { code: 'provider_error', message: shortMessage(provider?.message, 'The model call failed.') },
    retryable: false,
  };
}
