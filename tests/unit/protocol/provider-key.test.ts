import { describe, expect, it } from 'vitest';
import { isProviderKey, PROVIDER_KEY_MAX_CHARS } from '@/lib/protocol/provider-key';

describe('isProviderKey', () => {
  it('takes printable ASCII without spaces, up to the longest key accepted', () => {
    expect(isProviderKey('sk-abc_123.XYZ')).toBe(true);
    expect(isProviderKey('k'.repeat(PROVIDER_KEY_MAX_CHARS))).toBe(true);
  });

  it('refuses an empty key, a longer one, spaces and characters a header cannot carry', () => {
    expect(isProviderKey('')).toBe(false);
    expect(isProviderKey('k'.repeat(PROVIDER_KEY_MAX_CHARS + 1))).toBe(false);
    expect(isProviderKey('sk abc')).toBe(false);
    expect(isProviderKey('sk-é')).toBe(false);
  });
});
