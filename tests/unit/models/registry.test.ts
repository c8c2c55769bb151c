import { describe, expect, it } from 'vitest';
import { readByoKeys } from '@/lib/models/byo-keys';
import { catalogView } from '@/lib/models/catalog-view';
import { currentModelId } from '@/lib/models/catalog';
import { localPreset } from '@/lib/models/local-preset';
import { availablePresets, createGetModel, type ModelAccess } from '@/lib/models/registry';

function access(overrides: Partial<ModelAccess> = {}): ModelAccess {
  return { env: {}, byoKeys: {}, localModels: [], ...overrides };
}

describe('model registry', () => {
  it('offers only simulator models and the simulated preset when nothing is configured', () => {
    const view = catalogView(access());
    expect(new Set(view.models.map((model) => model.provider))).toEqual(new Set(['simulator']));
    expect(view.presets.map((preset) => preset.id)).toEqual(['simulated']);
    expect(view.defaultPresetId).toBe('simulated');
  });

  it('makes the paper presets the default once a Together key is set', () => {
    const { presets, defaultPresetId } = availablePresets(access({ env: { TOGETHER_API_KEY: 'sk-together' } }));
    expect(presets.map((preset) => preset.id)).toEqual(['moa', 'moa-lite', 'self-moa', 'simulated']);
    expect(defaultPresetId).toBe('moa');
  });

  it('needs both Together and OpenAI for MoA with GPT-4o', () => {
    const { presets } = availablePresets(access({ env: { TOGETHER_API_KEY: 'a' }, byoKeys: { openai: 'b' } }));
    expect(presets.some((preset) => preset.id === 'moa-gpt-4o')).toBe(true);
  });

  it('never puts a key in the catalog view', () => {
    const text = JSON.stringify(
      catalogView(access({ env: { TOGETHER_API_KEY: 'sk-secret-env' }, byoKeys: { openai: 'sk-secret-byo' } })),
    );
    expect(text).not.toContain('sk-secret-env');
    expect(text).not.toContain('sk-secret-byo');
  });

  it('resolves retired model ids to their successors', () => {
    expect(currentModelId('together:Qwen/Qwen1.5-110B-Chat')).toBe('together:Qwen/Qwen2.5-72B-Instruct-Turbo');
    const getModel = createGetModel(access({ env: { TOGETHER_API_KEY: 'k' } }));
    expect(getModel('together:databricks/dbrx-instruct').info).toMatchObject({
      id: 'together:deepseek-ai/DeepSeek-V3',
      displayName: 'DeepSeek V3',
    });
  });

  it('explains how to enable a provider whose key is missing', () => {
    const getModel = createGetModel(access());
    expect(() => getModel('groq:llama-3.3-70b-versatile')).toThrow(/GROQ_API_KEY/);
    expect(() => getModel('nowhere:model')).toThrow(/unknown provider/);
    expect(() => getModel('simulator:not-a-model')).toThrow(/not a simulator model/);
  });

  it('shares one model object across requests on the server’s key, but not one made with a caller’s own key', () => {
    const id = 'together:deepseek-ai/DeepSeek-V3';
    const server = (env: Record<string, string>) => createGetModel(access({ env }))(id).model;
    expect(server({ TOGETHER_API_KEY: 'k' })).toBe(server({ TOGETHER_API_KEY: 'k' }));
    expect(server({ TOGETHER_API_KEY: 'k' })).not.toBe(server({ TOGETHER_API_KEY: 'other' }));
    expect(server({ TOGETHER_API_KEY: 'k' })).not.toBe(
      server({ TOGETHER_API_KEY: 'k', TOGETHER_BASE_URL: 'http://127.0.0.1:9/v1' }),
    );
    const own = () => createGetModel(access({ byoKeys: { together: 'sk-own' } }))(id).model;
    expect(own()).not.toBe(own());
  });

  it('labels simulator models as simulated and prices them like their real twins', () => {
    const info = createGetModel(access())('simulator:gpt-4o').info;
    expect(info).toMatchObject({ simulated: true, inputPricePerMillion: 2.5, outputPricePerMillion: 10 });
  });

  it('prefers a local preset over the simulator once a local server has models', () => {
    const localModels = [
      {
        id: 'ollama:llama3:8b',
        provider: 'ollama',
        displayName: 'llama3:8b',
        inputPricePerMillion: 0,
        outputPricePerMillion: 0,
        contextWindow: 8192,
        sizeBytes: 4e9,
      },
    ];
    const { defaultPresetId, presets } = availablePresets(access({ localModels }));
    expect(defaultPresetId).toBe('local');
    expect(presets[0]?.config.layers[0]?.agents.map((agent) => agent.model)).toEqual(Array(4).fill('ollama:llama3:8b'));
  });
});

describe('localPreset', () => {
  it('mixes up to four local models with the largest as aggregator', () => {
    const model = (name: string, sizeBytes: number) => ({
      id: `ollama:${name}`,
      provider: 'ollama',
      displayName: name,
      inputPricePerMillion: 0,
      outputPricePerMillion: 0,
      contextWindow: 8192,
      sizeBytes,
    });
    const preset = localPreset([
      model('small', 1),
      model('huge', 9),
      model('mid', 5),
      model('tiny', 0.5),
      model('medium', 3),
    ]);
    expect(preset?.config.aggregator.model).toBe('ollama:huge');
    expect(preset?.config.layers[0]?.agents.map((agent) => agent.model)).toEqual([
      'ollama:huge',
      'ollama:mid',
      'ollama:medium',
      'ollama:small',
    ]);
  });
});

describe('readByoKeys', () => {
  it('reads keys for providers that take one and ignores everything else', () => {
    const headers = new Headers({
      'x-moa-key-together': ' sk-abc ',
      'x-moa-key-simulator': 'nope',
      'x-moa-key-ollama': 'nope',
      'x-moa-key-openai': 'bad key with spaces',
    });
    expect(readByoKeys(headers, 'ignore')).toEqual({ together: 'sk-abc' });
  });

  it('refuses a header that cannot hold a key, naming it, rather than falling back to the server’s key', () => {
    const headers = new Headers({ 'x-moa-key-together': 'sk-abc', 'x-moa-key-openai': 'bad key with spaces' });
    expect(() => readByoKeys(headers)).toThrow(
      expect.objectContaining({ code: 'invalid_key', field: 'x-moa-key-openai', status: 400 }),
    );
  });
});
