import { describe, expect, it } from 'vitest';
import { USAGE_CAPS } from '@/lib/limits/caps';
import { assertWithinUsageCaps, planJudgeUsage, planRunUsage } from '@/lib/limits/usage';
import { moaConfigSchema, type MoaConfig } from '@/lib/protocol/moa-config';
import { PRESETS } from '@/lib/models/presets';
import { createGetModel, type ModelAccess } from '@/lib/models/registry';
import { ApiError } from '@/lib/protocol/api-error';

const ask = [{ role: 'user' as const, content: 'Why is the sky blue?' }];
const serverKeys: ModelAccess = { env: { TOGETHER_API_KEY: 'sk-server', OPENAI_API_KEY: 'sk-openai' }, byoKeys: {}, localModels: [] };
const ownKeys: ModelAccess = { env: {}, byoKeys: { together: 'sk-mine', openai: 'sk-mine' }, localModels: [] };
const preset = (id: string) => PRESETS.find((candidate) => candidate.id === id)!.config;

function plan(config: MoaConfig, access: ModelAccess, extra: { baselineModel?: string; judgeModel?: string } = {}) {
  return planRunUsage({ config, messages: ask, access, getModel: createGetModel(access), ...extra });
}

function capsError(run: () => void): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the caps to refuse the run');
}

describe('planRunUsage', () => {
  it('counts a simulated run as simulated, one call per agent, costing the server nothing', () => {
    const usage = plan(preset('simulated'), serverKeys);
    expect(usage).toMatchObject({ usageClass: 'simulated', calls: 13, estimatedServerUsd: 0 });
    expect(usage.serverModels.size).toBe(0);
  });

  it('estimates a run on the server’s keys from every call’s input and whole output allowance', () => {
    const config = preset('moa');
    const usage = plan(config, serverKeys);
    expect(usage.usageClass).toBe('server');
    expect(usage.calls).toBe(13);
    // Layer 1 reads the question (20 characters, 5 tokens); layer 2 and the aggregator also read six 512-token
    // answers and about 200 tokens of prompt.
    const getModel = createGetModel(serverKeys);
    const cost = (model: string, input: number, output: number) => {
      const { info } = getModel(model);
      return (input * info.inputPricePerMillion + output * info.outputPricePerMillion) / 1e6;
    };
    const [first, second] = config.layers;
    const expected =
      first!.agents.reduce((sum, agent) => sum + cost(agent.model, 5, 512), 0) +
      second!.agents.reduce((sum, agent) => sum + cost(agent.model, 5 + 200 + 6 * 512, 512), 0) +
      cost(config.aggregator.model, 5 + 200 + 6 * 512, 512);
    expect(usage.estimatedServerUsd).toBeCloseTo(expected, 10);
    expect(usage.unmeteredServerUsd).toBe(0);
  });

  it('counts the same run on the caller’s own keys as theirs', () => {
    const usage = plan(preset('moa'), ownKeys);
    expect(usage).toMatchObject({ usageClass: 'byo', estimatedServerUsd: 0 });
  });

  it('makes a mixed run a server run and meters only the models on server keys', () => {
    const access: ModelAccess = { ...serverKeys, byoKeys: { together: 'sk-mine' } };
    const usage = plan(preset('moa-gpt-4o'), access);
    expect(usage.usageClass).toBe('server');
    expect([...usage.serverModels]).toEqual(['openai:gpt-4o']);
  });

  it('adds the baseline and the judge’s two readings, leaving the judge unmetered', () => {
    const usage = plan(preset('moa-lite'), serverKeys, {
      baselineModel: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
      judgeModel: 'openai:gpt-4o',
    });
    expect(usage.calls).toBe(7 + 1 + 2);
    expect(usage.unmeteredServerUsd).toBeGreaterThan(0);
    expect(usage.unmeteredServerUsd).toBeLessThan(usage.estimatedServerUsd);
  });

  it('plans a judge call as two readings', () => {
    const usage = planJudgeUsage({ judgeModel: 'openai:gpt-4o', texts: ['x'.repeat(4_000)], access: serverKeys, getModel: createGetModel(serverKeys) });
    expect(usage).toMatchObject({ usageClass: 'server', calls: 2 });
    expect(usage.unmeteredServerUsd).toBe(usage.estimatedServerUsd);
  });
});

describe('assertWithinUsageCaps', () => {
  const wide = moaConfigSchema.parse({
    layers: Array.from({ length: 4 }, () => ({ agents: [{ model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo' }] })),
    aggregator: { model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo' },
  });

  it('holds runs on the server’s keys to smaller caps, naming the field and how to lift it', () => {
    const error = capsError(() => assertWithinUsageCaps('server', wide, ask, 'config'));
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('config.layers');
    expect(error.message).toContain(`more than the ${USAGE_CAPS.server.proposerLayers} allowed`);
    expect(error.message).toContain(`Add your own API key to go up to ${USAGE_CAPS.byo.proposerLayers}`);
    expect(() => assertWithinUsageCaps('byo', wide, ask, 'config')).not.toThrow();
    expect(() => assertWithinUsageCaps('simulated', wide, ask, 'config')).not.toThrow();
  });

  it('caps output tokens per agent, the aggregator included', () => {
    const config = moaConfigSchema.parse({
      layers: [{ agents: [{ model: 'together:a/b' }, { model: 'together:a/b', maxOutputTokens: 2_048 }] }],
      aggregator: { model: 'together:a/b', maxOutputTokens: 4_096 },
    });
    expect(capsError(() => assertWithinUsageCaps('server', config, ask, 'config')).field).toBe(
      'config.layers.0.agents.1.maxOutputTokens',
    );
    const aggregatorOnly = { ...config, layers: [{ agents: [config.layers[0]!.agents[0]!] }] };
    expect(capsError(() => assertWithinUsageCaps('server', aggregatorOnly, ask, 'config')).field).toBe(
      'config.aggregator.maxOutputTokens',
    );
  });

  it('caps the conversation: messages, each message and the whole', () => {
    const config = preset('moa-lite');
    const many = Array.from({ length: USAGE_CAPS.server.messages + 1 }, (_, index) => ({
      role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: 'hi',
    }));
    expect(capsError(() => assertWithinUsageCaps('server', config, many, undefined)).field).toBe('messages');
    const long = [{ role: 'user' as const, content: 'x'.repeat(USAGE_CAPS.server.messageChars + 1) }];
    expect(capsError(() => assertWithinUsageCaps('server', config, long, undefined)).field).toBe('messages.0.content');
    const bulky = Array.from({ length: 5 }, () => ({ role: 'user' as const, content: 'x'.repeat(15_000) }));
    expect(capsError(() => assertWithinUsageCaps('server', config, bulky, undefined)).field).toBe('messages');
    expect(() => assertWithinUsageCaps('byo', config, bulky, undefined)).not.toThrow();
  });
});
