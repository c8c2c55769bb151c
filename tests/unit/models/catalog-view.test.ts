import { describe, expect, it } from 'vitest';
import { catalogView } from '@/lib/models/catalog-view';
import { catalogSchema } from '@/lib/protocol/catalog';

describe('catalogView', () => {
  it('answers in the wire shape the browser parses, with or without keys', () => {
    for (const env of [{}, { TOGETHER_API_KEY: 'sk-together', OPENAI_API_KEY: 'sk-openai' }]) {
      const view = catalogView({ env, byoKeys: {}, localModels: [] });
      expect(catalogSchema.parse(JSON.parse(JSON.stringify(view)))).toEqual(view);
    }
  });

  it('marks exactly the simulator’s models as simulated', () => {
    const view = catalogView({ env: { TOGETHER_API_KEY: 'sk-together' }, byoKeys: {}, localModels: [] });
    for (const model of view.models) expect(model.simulated).toBe(model.provider === 'simulator');
    expect(view.models.some((model) => model.simulated)).toBe(true);
    expect(view.models.some((model) => !model.simulated)).toBe(true);
  });
});
