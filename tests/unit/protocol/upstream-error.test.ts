import { describe, expect, it } from 'vitest';
import { upstreamError } from '@/lib/protocol/api-error';

describe('upstreamError', () => {
  it('is a 429 rate_limited when every failure was the provider rate limiting', () => {
    const error = upstreamError('The judge model', [{ code: 'rate_limited', message: 'Slow down.' }]);
    expect({ code: error.code, status: error.status }).toEqual({ code: 'rate_limited', status: 429 });
    expect(error.message).toBe('The judge model is rate limited by its provider: Slow down. Try again later.');
  });

  it('is a 502 upstream_error when any failure was something else, or nothing said why', () => {
    const mixed = upstreamError('The MoA run', [
      { code: 'rate_limited', message: 'Slow down.' },
      { code: 'timeout', message: 'No answer within 60 s.' },
    ]);
    expect({ code: mixed.code, status: mixed.status }).toEqual({ code: 'upstream_error', status: 502 });
    expect(mixed.message).toBe('The MoA run failed: Slow down. No answer within 60 s.');
    expect(upstreamError('The judge model', []).code).toBe('upstream_error');
  });
});
