import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { POST } from '@/app/api/keys/check/route';
import { keyCheckResponseSchema } from '@/lib/protocol/key-check';

/** The "Test key" button's route, against the local OpenAI-compatible server and a port nobody listens on. */
const baseURL = inject('openaiBaseUrl');

function check(provider: string, headers: Record<string, string>, extra: Record<string, string> = {}) {
  return POST(
    new Request('http://localhost/api/keys/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...extra },
      body: JSON.stringify({ provider }),
    }),
  );
}

beforeEach(() => {
  vi.stubEnv('RATE_LIMITS', 'off');
  vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  vi.stubEnv('GROQ_BASE_URL', inject('refusedBaseUrl'));
});

describe('POST /api/keys/check', () => {
  it('says the provider accepted a key it lists its models for, and returns nothing of the key', async () => {
    const response = await check('together', { 'x-moa-key-together': 'sk-accepted-key-123456' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(keyCheckResponseSchema.parse(JSON.parse(text))).toMatchObject({ provider: 'together', ok: true, status: 200 });
    expect(text).not.toContain('sk-accepted');
  });

  it('says the provider rejected a key it does not know, with its status', async () => {
    const body = keyCheckResponseSchema.parse(await (await check('together', { 'x-moa-key-together': 'sk-rejected-key-123456' })).json());
    expect(body).toMatchObject({ ok: false, status: 401 });
    expect(body.message).toContain('Together AI rejected the key (401)');
  });

  it('says when the provider cannot be reached, without an address', async () => {
    const body = keyCheckResponseSchema.parse(await (await check('groq', { 'x-moa-key-groq': 'gsk-some-key-123456' })).json());
    expect(body).toMatchObject({ ok: false });
    expect(body.status).toBeUndefined();
    expect(body.message).toBe('Groq could not be reached; the key was not checked.');
  });

  it('needs the key in its header, a provider that takes keys, and the site’s own pages', async () => {
    expect(await (await check('together', {})).json()).toMatchObject({ code: 'invalid_request', field: 'x-moa-key-together' });
    expect(await (await check('simulator', { 'x-moa-key-together': 'sk-x-123456789' })).json()).toMatchObject({ field: 'provider' });
    const foreign = await check('together', { 'x-moa-key-together': 'sk-accepted-key-123456' }, { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' });
    expect(foreign.status).toBe(403);
  });
});
