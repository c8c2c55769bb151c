import { describe, expect, it } from 'vitest';
import { apiCallerFor, apiTokensStartupReport, readApiTokens } from '@/lib/limits/api-tokens';

const TOKEN = 'moa-unit-token-0123456789abcdef';
const OTHER = 'moa-unit-token-fedcba9876543210';
const env = { MOA_API_TOKENS: ` ${TOKEN} ,${OTHER},,` };
const bearer = (value: string) => new Headers({ authorization: value });

describe('API tokens', () => {
  it('reads comma-separated tokens and ignores, naming the count, the ones too short to be safe', () => {
    const { tokens, problems } = readApiTokens({ MOA_API_TOKENS: `${TOKEN},short,${OTHER}` });
    expect(tokens).toEqual([TOKEN, OTHER]);
    expect(problems).toEqual([expect.stringContaining('1 token(s) shorter than 16')]);
    expect(apiTokensStartupReport({ MOA_API_TOKENS: `${TOKEN},short` }).join('\n')).not.toContain(TOKEN);
  });

  it('knows a token’s caller by a hash of it, the same for every request and never the token itself', async () => {
    const first = await apiCallerFor(bearer(`Bearer ${TOKEN}`), env);
    const again = await apiCallerFor(bearer(`bearer   ${TOKEN}`), env);
    const other = await apiCallerFor(bearer(`Bearer ${OTHER}`), env);
    expect(first).toEqual({ kind: 'token', clientId: expect.stringMatching(/^token:[0-9a-f]{16}$/) });
    expect(again).toEqual(first);
    expect(other.kind === 'token' && first.kind === 'token' && other.clientId !== first.clientId).toBe(true);
    expect(JSON.stringify(first)).not.toContain(TOKEN.slice(0, 8));
  });

  it('treats a key that is no token, or no key, as an anonymous caller', async () => {
    expect(await apiCallerFor(bearer(`Bearer ${TOKEN}x`), env)).toEqual({ kind: 'anonymous', sentOtherKey: true });
    expect(await apiCallerFor(bearer('Bearer sk-anything'), {})).toEqual({ kind: 'anonymous', sentOtherKey: true });
    expect(await apiCallerFor(new Headers(), env)).toEqual({ kind: 'anonymous', sentOtherKey: false });
    expect(await apiCallerFor(bearer(`Basic ${TOKEN}`), env)).toEqual({ kind: 'anonymous', sentOtherKey: false });
  });
});
