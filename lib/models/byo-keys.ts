import { PROVIDERS } from './providers';

/** Header prefix for bring-your-own keys: `x-moa-key-together: <key>` holds a key for that one request. */
export const BYO_KEY_HEADER_PREFIX = 'x-moa-key-';

export type ProviderKeys = Record<string, string>;

/**
 * Reads bring-your-own keys from the request headers, for providers that take a key. The keys live only in the
 * returned object for the length of the request: never logged, stored or echoed.
 */
export function readByoKeys(headers: Headers): ProviderKeys {
  const keys: ProviderKeys = {};
  for (const provider of PROVIDERS) {
    if (!provider.keyEnv) continue;
    const value = headers.get(`${BYO_KEY_HEADER_PREFIX}${provider.id}`)?.trim();
    // Keys are printable ASCII tokens; anything else is ignored rather than sent upstream.
    if (value && value.length <= 512 && /^[\x21-\x7e]+$/.test(value)) keys[provider.id] = value;
  }
  return keys;
}
