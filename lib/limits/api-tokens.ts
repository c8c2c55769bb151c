import type { LimitsEnvironment } from './config';

/**
 * Who calls the OpenAI-compatible API. A caller with an operator-issued token (`MOA_API_TOKENS`) may spend the
 * server's keys and is budgeted as that token; anyone else is budgeted by address and gets no server keys.
 */
export type ApiCaller =
  | { kind: 'token'; clientId: string }
  /** `sentOtherKey`: it sent a key that is none of the tokens, which an error about a missing model should mention. */
  | { kind: 'anonymous'; sentOtherKey: boolean };

/** Shorter tokens are guessable by brute force over the network; they are refused at startup rather than used. */
const MIN_TOKEN_CHARS = 16;

/** The tokens of `MOA_API_TOKENS` (comma-separated), and what is wrong with the variable, if anything. */
export function readApiTokens(env: LimitsEnvironment): { tokens: string[]; problems: string[] } {
  const entries = (env.MOA_API_TOKENS ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  const tokens = entries.filter((entry) => entry.length >= MIN_TOKEN_CHARS && /^[\x21-\x7e]+$/.test(entry));
  const problems =
    tokens.length < entries.length
      ? [`MOA_API_TOKENS has ${entries.length - tokens.length} token(s) shorter than ${MIN_TOKEN_CHARS} printable characters; they are ignored`]
      : [];
  return { tokens, problems };
}

/** The startup log lines: how many tokens `/v1` accepts, and what is wrong with the variable. */
export function apiTokensStartupReport(env: LimitsEnvironment): string[] {
  const { tokens, problems } = readApiTokens(env);
  const accepted =
    tokens.length > 0
      ? `[moa-studio] /v1 accepts ${tokens.length} API token(s) from MOA_API_TOKENS for the server's keys`
      : "[moa-studio] /v1 has no API tokens (MOA_API_TOKENS): its callers get simulated and local models, and their own keys";
  return [accepted, ...problems.map((problem) => `[moa-studio] ${problem}`)];
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Compares two digests in time that depends on their length only, which is fixed. */
function sameDigest(left: Uint8Array, right: Uint8Array): boolean {
  let difference = left.length ^ right.length;
  for (let index = 0; index < left.length; index += 1) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

/**
 * The caller of a `/v1` request, from its `Authorization: Bearer` header. The presented token is hashed and compared
 * with every configured token's hash, all of them, in constant time, so neither a match's position nor a common
 * prefix shows in the timing. Its budget identity is a hash prefix: the token itself never reaches a store or a log.
 *
 * A key that matches no token makes an anonymous caller, not a refusal: OpenAI's SDKs and the chat UIs insist on
 * sending some key, and anonymous use (simulated and local models, or the caller's own provider keys) must work
 * from them too.
 */
export async function apiCallerFor(headers: Headers, env: LimitsEnvironment): Promise<ApiCaller> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
  const { tokens } = readApiTokens(env);
  if (presented === undefined) return { kind: 'anonymous', sentOtherKey: false };
  const digest = await sha256(presented);
  let matched = false;
  for (const token of tokens) matched = sameDigest(digest, await sha256(token)) || matched;
  if (!matched) return { kind: 'anonymous', sentOtherKey: true };
  const identity = [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return { kind: 'token', clientId: `token:${identity}` };
}
