import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeRequestError, fetchOrThrow, postJson, RequestError, requestErrorOf } from '@/lib/client/request-error';
import { voteResponseSchema } from '@/lib/protocol/vote';

afterEach(() => {
  vi.unstubAllGlobals();
});

const apiError = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('requestErrorOf', () => {
  it('reads the code, message and Retry-After of an API error', async () => {
    const error = await requestErrorOf(
      apiError(429, { code: 'rate_limited', message: 'Wait a bit.' }, { 'retry-after': '12' }),
    );
    expect(error).toBeInstanceOf(RequestError);
    expect({
      kind: error.kind,
      code: error.code,
      message: error.message,
      retryAfterSeconds: error.retryAfterSeconds,
    }).toEqual({
      kind: 'api',
      code: 'rate_limited',
      message: 'Wait a bit.',
      retryAfterSeconds: 12,
    });
  });

  it('says only the status of a response that is not one of ours (a proxy page)', async () => {
    const error = await requestErrorOf(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect({ kind: error.kind, code: error.code, message: error.message }).toEqual({
      kind: 'api',
      code: 'internal',
      message: 'The server answered HTTP 502.',
    });
  });
});

describe('fetchOrThrow and postJson', () => {
  it('rejects with the API error of an unsuccessful response', async () => {
    vi.stubGlobal('fetch', async () => apiError(409, { code: 'already_voted', message: 'The first vote stands.' }));
    await expect(postJson('/api/votes', {}, voteResponseSchema)).rejects.toMatchObject({
      kind: 'api',
      code: 'already_voted',
    });
  });

  it('reads a successful answer with its schema', async () => {
    vi.stubGlobal('fetch', async () => apiError(201, { recorded: true }));
    await expect(postJson('/api/votes', {}, voteResponseSchema)).resolves.toEqual({ recorded: true });
  });

  it('turns a connection that never opened into a network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchOrThrow('/api/moa')).rejects.toMatchObject({ kind: 'network' });
  });

  it('keeps a cancelled request an AbortError, which means the user stopped it', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    await expect(fetchOrThrow('/api/moa')).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('describeRequestError', () => {
  it('reads a body that broke off mid-stream as a dropped connection', () => {
    expect(describeRequestError(new TypeError('network error')).kind).toBe('network');
  });

  it('reads any other error as a failed run with its message', () => {
    const error = describeRequestError(new Error('Every agent of layer 1 failed.'));
    expect({ kind: error.kind, message: error.message }).toEqual({
      kind: 'run',
      message: 'Every agent of layer 1 failed.',
    });
  });
});
