import { redactSecrets } from '@/lib/security/redact';
import { anySignal } from '@/lib/stream/any-signal';
import type { Provider } from './providers';

/** What a provider said about a key. */
export interface KeyCheck {
  ok: boolean;
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** One line for the person who pasted the key: what the provider answered, and what to do. */
  message: string;
}

const CHECK_TIMEOUT_MS = 10_000;

/**
 * Checks a key with the cheapest call a provider has, listing its models: it costs no tokens, and a key the provider
 * refuses fails it exactly as a chat call would. The key goes to the provider only; nothing of it is returned.
 */
export async function checkProviderKey(options: {
  provider: Provider;
  key: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}): Promise<KeyCheck> {
  const { provider, key } = options;
  const base = (provider.baseUrlEnv ? options.env[provider.baseUrlEnv] : undefined) ?? provider.baseURL;
  if (!base) return { ok: false, message: `${provider.name} has no address configured on this server.` };
  const headers: Record<string, string> =
    provider.kind === 'anthropic' ? { 'x-api-key': key, 'anthropic-version': '2023-06-01' } : { authorization: `Bearer ${key}` };
  const timeout = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${base.replace(/\/+$/, '')}/models`, {
      headers,
      signal: options.signal ? anySignal([options.signal, timeout]) : timeout,
    });
  } catch {
    return { ok: false, message: `${provider.name} could not be reached${timeout.aborted ? ' within 10 s' : ''}; the key was not checked.` };
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, message: `${provider.name} accepted the key.` };
  if (response.status === 401 || response.status === 403) {
    return { ok: false, status: response.status, message: `${provider.name} rejected the key (${response.status}): check it was copied whole, or make a new one.` };
  }
  const detail = redactSecrets(response.statusText || '');
  return {
    ok: false,
    status: response.status,
    message: `${provider.name} answered ${response.status}${detail ? ` ${detail}` : ''}; the key may be fine, try again later.`,
  };
}
