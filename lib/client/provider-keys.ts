import { useCallback } from 'react';
import { z } from 'zod';
import { PROVIDER_ID_PATTERN } from '@/lib/protocol/model-id';
import { BYO_KEY_HEADER_PREFIX, isProviderKey, PROVIDER_KEY_MAX_CHARS } from '@/lib/protocol/provider-key';
import { useStoredValue } from './local-storage';

/** Bring-your-own keys by provider id (`together`, `openai`, …). */
export type ProviderKeyMap = Record<string, string>;

const providerKeysSchema = z.record(z.string().regex(PROVIDER_ID_PATTERN), z.string());

const noKeys: ProviderKeyMap = {};

const PROVIDER_KEYS_KEY = 'provider-keys:v1';

/** Why a key cannot be saved, or undefined when it can (after trimming). */
export function providerKeyProblem(key: string): string | undefined {
  const trimmed = key.trim();
  if (trimmed.length === 0) return 'Enter a key.';
  if (!isProviderKey(trimmed)) return `A key is up to ${PROVIDER_KEY_MAX_CHARS} printable characters, without spaces.`;
  return undefined;
}

/**
 * The request headers that carry these keys to this app (`x-moa-key-<provider>: <key>`), which passes each to its
 * provider for that request only. Keys the server would reject are left out.
 */
export function keyHeaders(keys: ProviderKeyMap | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [providerId, key] of Object.entries(keys ?? {})) {
    const trimmed = key.trim();
    if (PROVIDER_ID_PATTERN.test(providerId) && isProviderKey(trimmed)) headers[`${BYO_KEY_HEADER_PREFIX}${providerId}`] = trimmed;
  }
  return headers;
}

/**
 * The keys saved in this browser (localStorage `moa-studio:provider-keys:v1`). They leave the browser only as
 * `keyHeaders` on this app's own requests. Empty on the server and in the first client render.
 */
export function useProviderKeys(): {
  keys: ProviderKeyMap;
  setKey: (providerId: string, key: string) => void;
  removeKey: (providerId: string) => void;
} {
  const [keys, setKeys] = useStoredValue(PROVIDER_KEYS_KEY, providerKeysSchema, noKeys);
  const setKey = useCallback(
    (providerId: string, key: string) => {
      const trimmed = key.trim();
      if (!PROVIDER_ID_PATTERN.test(providerId) || providerKeyProblem(trimmed) !== undefined) return;
      setKeys((previous) => ({ ...previous, [providerId]: trimmed }));
    },
    [setKeys],
  );
  const removeKey = useCallback(
    (providerId: string) => {
      setKeys((previous) => Object.fromEntries(Object.entries(previous).filter(([id]) => id !== providerId)));
    },
    [setKeys],
  );
  return { keys, setKey, removeKey };
}
