import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import { AgentStopReason, classifyFailure, EmptyResponseError, parseRetryAfter } from '@/lib/moa/failure';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);

function apiError(statusCode: number, headers: Record<string, string> = {}, isRetryable?: boolean) {
  return new APICallError({
    message: `HTTP ${statusCode}\nwith details`,
    url: 'http://provider.test',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    isRetryable,
  });
}

describe('classifyFailure', () => {
  it('treats 429 as a retryable rate limit and reads Retry-After in seconds', () => {
    expect(classifyFailure(apiError(429, { 'retry-after': '3' }), now)).toEqual({
      error: { code: 'rate_limited', statusCode: 429, message: 'HTTP 429' },
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it('treats 5xx as retryable provider errors', () => {
    expect(classifyFailure(apiError(503), now)).toMatchObject({ retryable: true, error: { code: 'provider_error' } });
  });

  it('does not retry 400 or 401', () => {
    expect(classifyFailure(apiError(400, {}, false), now)).toMatchObject({ retryable: false, error: { code: 'bad_request' } });
    expect(classifyFailure(apiError(401, {}, false), now)).toMatchObject({ retryable: false, error: { code: 'unauthorized' } });
  });

  it('treats a failed fetch as a retryable network error', () => {
    expect(classifyFailure(new TypeError('fetch failed'), now)).toMatchObject({
      retryable: true,
      error: { code: 'network_error' },
    });
  });

  it('treats a 200 stream that broke off on a connection error as a retryable network error, said plainly', () => {
    const brokenOff = new APICallError({
      message: 'Failed to process successful response',
      url: 'http://provider.test',
      requestBodyValues: {},
      statusCode: 200,
      isRetryable: true,
    });
    expect(classifyFailure(brokenOff, now)).toEqual({
      error: { code: 'network_error', message: 'The connection to the provider broke off mid-answer.' },
      retryable: true,
    });
  });

  it('keeps a 200 body that failed for another reason a provider error that is not retried', () => {
    expect(classifyFailure(apiError(200, {}, false), now)).toMatchObject({
      retryable: false,
      error: { code: 'provider_error', statusCode: 200 },
    });
  });

  it('reports cuts, timeouts and aborts by their own codes, never as retryable', () => {
    for (const kind of ['cut', 'timeout', 'aborted'] as const) {
      expect(classifyFailure(new AgentStopReason(kind), now)).toMatchObject({ retryable: false, error: { code: kind } });
    }
  });

  it('reports an empty answer as empty_response', () => {
    expect(classifyFailure(new EmptyResponseError(), now).error.code).toBe('empty_response');
  });
});

describe('parseRetryAfter', () => {
  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
  });

  it('ignores values it cannot read', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
