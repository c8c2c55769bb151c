import { describe, expect, it } from 'vitest';
import { catalogView } from '@/lib/models/catalog-view';

describe('presets that need a key', () => {
  it('are listed with the providers whose keys would unlock them', () => {
    const locked = catalogView({ env: {}, byoKeys: {}, localModels: [] }).lockedPresets;
    expect(locked.find((preset) => preset.id === 'moa-lite')?.needsKeysFor).toEqual(['Together AI']);
    expect(locked.find((preset) => preset.id === 'moa-gpt-4o')?.needsKeysFor).toEqual(['Together AI', 'OpenAI']);
    expect(locked.map((preset) => preset.id)).not.toContain('simulated');
  });

  it('leave the list once a key for their providers is there, the request’s own or the server’s', () => {
    const withTogether = catalogView({ env: {}, byoKeys: { together: 'sk-own-key-123456' }, localModels: [] });
    expect(withTogether.lockedPresets.map((preset) => preset.id)).toEqual(['moa-gpt-4o']);
    expect(withTogether.lockedPresets[0]?.needsKeysFor).toEqual(['OpenAI']);
    const everything = catalogView({ env: { TOGETHER_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-b' }, byoKeys: {}, localModels: [] });
    expect(everything.lockedPresets).toEqual([]);
  });
});
