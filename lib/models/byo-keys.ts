import { ApiError } from '@/lib/protocol/api-error';
import { BYO_KEY_HEADER_PREFIX, isProviderKey, PROVIDER_KEY_MAX_CHARS } from '@/lib/protocol/provider-key';
import { PROVIDERS } from './providers';

export type ProviderKeys = Record<string, string>;

/**
 * Reads bring-your-own keys from the request headers, for providers that take a key. The keys live only in the
 * returned object for the length of the request: never logged, stored or echoed. A key that is not a printable
 * ASCII token of at most 512 characters is refused with 400 `invalid_key` naming its header: quietly running on the
 * server's key instead would spend the demo's budget on a request that meant to pay for itself. Requests that spend
 * nothing (the catalog) may `ignore` such a header instead.
 */
export function readByoKeys(headers: Headers, invalid: 'refuse' | 'ignore' = 'refuse'): ProviderKeys {
  const keys: ProviderKeys = {};
  for (const provider of PROVIDERS) {
    if (!provider.keyEnv) continue;
    const header = `${BYO_KEY_HEADER_PREFIX}${provider.id}`;
    const value = headers.get(header)?.trim();
    if (!value) continue;
    if (!isProviderKey(value)) {
      if (invalid === 'ignore') continue;
      throw new ApiError('invalid_key', `${header}: not a valid ${provider.name} key (printable characters without spaces, at most ${PROVIDER_KEY_MAX_CHARS}).`, header);
    }
    keys[provider.id] = value;
  }
  return keys;
}
