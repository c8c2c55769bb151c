import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { readStored, writeStored } from '@/lib/client/local-storage';
import { keyHeaders } from '@/lib/client/provider-keys';
import {
  configFromPreset,
  describeLayers,
  isRunSettingsValid,
  requestFields,
  runSettingsSchema,
  validateCustomConfig,
  type RunSettings,
} from '@/lib/client/run-settings';
import { CAPS, moaConfigSchema, type MoaConfigInput } from '@/lib/protocol/moa-config';
import { catalogView } from '@/lib/models/catalog-view';
import type { CatalogView } from '@/lib/protocol/catalog';

const withoutKeys: CatalogView = catalogView({ env: {}, byoKeys: {}, localModels: [] });
const withTogetherKey: CatalogView = catalogView({ env: {}, byoKeys: { together: 'test-key' }, localModels: [] });

const simulated = (name: string) => ({ model: `simulator:${name}`, temperature: 0.7, maxOutputTokens: 512 });

function simulatedConfig(agentsPerLayer: number[]): MoaConfigInput {
  return {
    layers: agentsPerLayer.map((count) => ({ agents: Array.from({ length: count }, () => simulated('qwen-72b')) })),
    aggregator: simulated('qwen-110b'),
  };
}

function presetOf(catalog: CatalogView, id: string) {
  const preset = catalog.presets.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset;
}

describe('requestFields', () => {
  it('sends the chosen preset while the catalog offers it', () => {
    expect(requestFields({ mode: 'preset', presetId: 'moa-lite' }, withTogetherKey)).toEqual({ preset: 'moa-lite' });
  });

  it('falls back to the catalog default when the chosen preset is no longer offered', () => {
    expect(requestFields({ mode: 'preset', presetId: 'moa-lite' }, withoutKeys)).toEqual({ preset: withoutKeys.defaultPresetId });
    expect(requestFields({ mode: 'preset' }, withoutKeys)).toEqual({ preset: 'simulated' });
  });

  it('sends the choice as it is without a catalog, and nothing when there is no choice', () => {
    expect(requestFields({ mode: 'preset', presetId: 'moa' })).toEqual({ preset: 'moa' });
    expect(requestFields({ mode: 'preset' })).toEqual({});
  });

  it('sends a custom config and no preset', () => {
    const config = simulatedConfig([2]);
    const fields = requestFields({ mode: 'custom', config }, withoutKeys);
    expect(fields).toEqual({ config });
    expect(fields).not.toHaveProperty('preset');
  });
});

describe('validateCustomConfig', () => {
  it('finds nothing wrong with a preset’s config on the models the catalog offers', () => {
    expect(validateCustomConfig(configFromPreset(presetOf(withoutKeys, 'simulated')), withoutKeys)).toEqual([]);
    expect(validateCustomConfig(configFromPreset(presetOf(withTogetherKey, 'moa')), withTogetherKey)).toEqual([]);
  });

  it('asks for a key for the provider of a model the catalog does not offer', () => {
    const config = simulatedConfig([2]);
    config.layers[0]!.agents[1] = { model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo' };
    config.aggregator = { model: 'openai:gpt-4o' };
    expect(validateCustomConfig(config, withoutKeys)).toEqual([
      { field: 'layers.0.agents.1.model', message: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo is not available: add a key for Together AI.' },
      { field: 'aggregator.model', message: 'openai:gpt-4o is not available: add a key for OpenAI.' },
    ]);
    expect(validateCustomConfig(config, withTogetherKey).map((problem) => problem.field)).toEqual(['aggregator.model']);
  });

  it('holds runs on the server’s keys to their smaller caps, and lifts them with the user’s own key', () => {
    const qwen = { model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo', maxOutputTokens: 2_048 };
    const config = { layers: [{ agents: Array.from({ length: 7 }, () => ({ ...qwen })) }], aggregator: { ...qwen } };
    const serverKey = catalogView({ env: { TOGETHER_API_KEY: 'sk-server' }, byoKeys: {}, localModels: [] });
    const problems = validateCustomConfig(config, serverKey);
    expect(problems.map((problem) => problem.field)).toEqual([
      'layers.0.agents',
      ...Array.from({ length: 7 }, (_, index) => `layers.0.agents.${index}.maxOutputTokens`),
      'aggregator.maxOutputTokens',
    ]);
    expect(problems[0]?.message).toBe("7 agents: more than the 6 allowed on this server's keys. Add your own API key to go up to 8.");
    expect(validateCustomConfig(config, withTogetherKey)).toEqual([]);
  });

  it('explains out-of-range numbers in words, at the path of the field', () => {
    const config = simulatedConfig([3]);
    config.layers[0]!.agents[2] = { model: 'simulator:dbrx', temperature: 3, maxOutputTokens: 1.5 };
    config.aggregator = { model: 'simulator:dbrx', maxOutputTokens: CAPS.maxOutputTokens + 1 };
    expect(validateCustomConfig(config, withoutKeys)).toEqual([
      { field: 'layers.0.agents.2.temperature', message: 'Temperature must be between 0 and 2.' },
      { field: 'layers.0.agents.2.maxOutputTokens', message: `Max tokens must be a whole number between 1 and ${CAPS.maxOutputTokens}.` },
      { field: 'aggregator.maxOutputTokens', message: `Max tokens must be a whole number between 1 and ${CAPS.maxOutputTokens}.` },
    ]);
  });

  it('reports an emptied straggler field and a deadline out of range', () => {
    const config = { ...simulatedConfig([2]), straggler: { minResponses: Number.NaN, layerDeadlineMs: CAPS.layerDeadlineMs + 1 } };
    expect(validateCustomConfig(config, withoutKeys)).toEqual([
      { field: 'straggler.minResponses', message: `Answers needed must be a whole number between 1 and ${CAPS.agentsPerLayer}.` },
      { field: 'straggler.layerDeadlineMs', message: `Layer deadline must be between 0 and ${CAPS.layerDeadlineMs / 1000} seconds.` },
    ]);
  });

  it('rejects a straggler policy that waits for more answers than the smallest layer has', () => {
    const config = { ...simulatedConfig([6, 3]), straggler: { minResponses: 4, layerDeadlineMs: 10_000 } };
    expect(validateCustomConfig(config, withoutKeys)).toEqual([
      {
        field: 'straggler.minResponses',
        message: 'Answers needed is 4, but the smallest layer has 3 agents; use 3 or fewer.',
      },
    ]);
    expect(validateCustomConfig({ ...config, straggler: { minResponses: 3, layerDeadlineMs: 10_000 } }, withoutKeys)).toEqual([]);
  });

  it('reports too many agents in all even while another field is also wrong', () => {
    const config = simulatedConfig([8, 8, 8, 8]);
    config.aggregator = { model: 'simulator:dbrx', temperature: -1 };
    const problems = validateCustomConfig(config, withoutKeys);
    expect(problems).toContainEqual({ field: 'layers', message: 'This run has 33 agents in all, counting the aggregator; the limit is 25.' });
    expect(problems).toContainEqual({ field: 'aggregator.temperature', message: 'Temperature must be between 0 and 2.' });
  });

  it('asks for an agent in an empty layer and for a model where the id is malformed, once', () => {
    const config = simulatedConfig([1, 0]);
    config.layers[0]!.agents[0] = { model: '' };
    expect(validateCustomConfig(config, withoutKeys)).toEqual([
      { field: 'layers.0.agents.0.model', message: 'Choose a model.' },
      { field: 'layers.1.agents', message: 'Each layer needs at least one agent.' },
    ]);
  });
});

describe('isRunSettingsValid', () => {
  it('accepts a preset the catalog offers, and the default when the chosen one went away', () => {
    expect(isRunSettingsValid({ mode: 'preset' }, withoutKeys)).toBe(true);
    expect(isRunSettingsValid({ mode: 'preset', presetId: 'moa' }, withoutKeys)).toBe(true);
  });

  it('accepts a custom config only when it has no problem', () => {
    expect(isRunSettingsValid({ mode: 'custom', config: simulatedConfig([2, 2]) }, withoutKeys)).toBe(true);
    expect(isRunSettingsValid({ mode: 'custom', config: simulatedConfig([2, 0]) }, withoutKeys)).toBe(false);
  });
});

describe('configFromPreset', () => {
  it('copies a preset’s config with every default written out, so editing it leaves the preset alone', () => {
    const preset = presetOf(withoutKeys, 'simulated');
    const config = configFromPreset(preset);
    expect(config).toEqual(preset.config);
    expect(config).toMatchObject({ agentTimeoutMs: 60_000, maxRetries: 2 });
    config.layers[0]!.agents[0]!.temperature = 1.5;
    expect(preset.config.layers[0]?.agents[0]?.temperature).toBe(0.7);
  });

  it('fills the sampling defaults of a config that leaves them out', () => {
    const config = configFromPreset({ config: { layers: [{ agents: [{ model: 'simulator:dbrx' }] }], aggregator: { model: 'simulator:dbrx' } } });
    expect(config.aggregator).toEqual({ model: 'simulator:dbrx', temperature: 0.7, maxOutputTokens: 512 });
    expect(moaConfigSchema.safeParse(config).success).toBe(true);
  });
});

describe('describeLayers', () => {
  it('counts the aggregator as the last layer', () => {
    expect(describeLayers(presetOf(withoutKeys, 'simulated').config)).toBe('2 proposer layers + aggregator · 6 + 6 + 1 agents');
  });
});

describe('keyHeaders', () => {
  it('puts each key in an x-moa-key header named after its provider', () => {
    expect(keyHeaders({ together: ' tg-123 ', openai: 'sk-abc' })).toEqual({ 'x-moa-key-together': 'tg-123', 'x-moa-key-openai': 'sk-abc' });
  });

  it('leaves out keys the server would reject and gives no header without keys', () => {
    expect(keyHeaders({ together: 'has space', openai: 'clé', groq: '', 'Bad Id': 'key' })).toEqual({});
    expect(keyHeaders(undefined)).toEqual({});
  });
});

describe('readStored and writeStored', () => {
  const schema = z.object({ count: z.number() });
  const fallback = { count: 0 };

  function stubStorage(entries: Record<string, string>, setItem?: () => void) {
    const storage = {
      getItem: (key: string) => entries[key] ?? null,
      setItem: setItem ?? ((key: string, value: string) => {
        entries[key] = value;
      }),
    };
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('window', { localStorage: storage });
    return entries;
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads what was written, under the moa-studio prefix', () => {
    const entries = stubStorage({});
    writeStored('counter', { count: 3 });
    expect(entries).toEqual({ 'moa-studio:counter': '{"count":3}' });
    expect(readStored('counter', schema, fallback)).toEqual({ count: 3 });
  });

  it('gives the fallback for data that is not JSON or does not match the schema', () => {
    stubStorage({ 'moa-studio:broken': '{not json', 'moa-studio:other': '{"count":"three"}' });
    expect(readStored('broken', schema, fallback)).toBe(fallback);
    expect(readStored('other', schema, fallback)).toBe(fallback);
    expect(readStored('missing', schema, fallback)).toBe(fallback);
  });

  it('gives the fallback on the server, where there is no window', () => {
    vi.stubGlobal('localStorage', { getItem: () => '{"count":3}', setItem: () => undefined });
    vi.stubGlobal('window', undefined);
    expect(readStored('counter', schema, fallback)).toBe(fallback);
  });

  it('swallows a full storage when writing', () => {
    stubStorage({}, () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => writeStored('counter', { count: 1 })).not.toThrow();
  });

  it('keeps a half-edited custom config across a reload, an emptied number field included', () => {
    const config = simulatedConfig([2]);
    const settings: RunSettings = { mode: 'custom', config: { ...config, straggler: { minResponses: Number.NaN, layerDeadlineMs: 5_000 } } };
    stubStorage({});
    writeStored('run-settings:v1', settings);
    const restored = readStored('run-settings:v1', runSettingsSchema, { mode: 'preset' });
    expect(restored.mode).toBe('custom');
    expect(restored.mode === 'custom' && restored.config.straggler?.minResponses).toBeNaN();
    expect(restored.mode === 'custom' && restored.config.layers).toEqual(config.layers);
  });

  it('falls back to the default preset for settings of an unknown shape', () => {
    stubStorage({ 'moa-studio:run-settings:v1': '{"mode":"turbo"}' });
    expect(readStored('run-settings:v1', runSettingsSchema, { mode: 'preset' })).toEqual({ mode: 'preset' });
  });
});
