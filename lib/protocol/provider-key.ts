/** Header prefix for bring-your-own keys: `x-moa-key-together: <key>` holds a key for that one request. */
export const BYO_KEY_HEADER_PREFIX = 'x-moa-key-';

/** Longest key accepted: longer than any provider's, short enough to keep headers small. */
export const PROVIDER_KEY_MAX_CHARS = 512;

/**
 * Whether a (trimmed) value can be a provider key: printable ASCII without spaces, at most 512 characters. The
 * browser checks it before saving a key, and the server before using one.
 */
export function isProviderKey(value: string): boolean {
  return value.length > 0 && value.length <= PROVIDER_KEY_MAX_CHARS && /^[\x21-\x7e]+$/.test(value);
}
