import { useCallback } from 'react';
import { z } from 'zod';
import { BYO_KEY_HEADER_PREFIX } from '@/lib/models/byo-keys';
import { useStoredValue } from './local-storage';

/** Bring-your-own keys by provider id (`together`, `openai`, …). */
export type ProviderKeyMap = Record<string, string>;

const providerIdPattern = /^[a-z0-9-]+$/;
// What the server accepts in a key header (lib/models/byo-keys.ts); anything else would make fetch throw or be dropped.
const keyPattern = /^[\x21-\x7e]{1,512}$/;

const providerKeysSchema = z.record(z.string().regex(providerIdPattern), z.string());

const noKeys: ProviderKeyMap = {};

const PROVIDER_KEYS_KEY = 'provider-keys:v1';

/** Why a key cannot be saved, or undefined when it can (after trimming). */
export function providerKeyProblem(key: string): string | undefined {
  const trimmed = key.trim();
  if (trimmed.length === 0) return 'Enter a key.';
  if (!keyPattern.test(trimmed)) return 'A key is up to 512 printable characters, without spaces.';
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
    if (providerIdPattern.test(providerId) && keyPattern.test(trimmed)) headers[`${BYO_KEY_HEADER_PREFIX}${providerId}`] = trimmed;
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
      if (!providerIdPattern.test(providerId) || providerKeyProblem(trimmed) !== undefined) return;
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
