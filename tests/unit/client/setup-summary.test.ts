import { describe, expect, it } from 'vitest';
import { summarizeSetup } from '@/lib/client/setup-summary';
import { catalogView } from '@/lib/models/catalog-view';

const simulatedOnly = catalogView({ env: {}, byoKeys: {}, localModels: [] });
const withTogether = catalogView({ env: { TOGETHER_API_KEY: 'sk-server' }, byoKeys: {}, localModels: [] });

describe('the setup summary beside the prompt', () => {
  it('names the preset the server will run, counts its agents, and costs nothing on simulated models', () => {
    expect(summarizeSetup({ settings: { mode: 'preset' }, catalog: simulatedOnly, question: 'Hi', earlier: [] })).toEqual({
      name: 'Simulated MoA',
      agents: 13,
      maxCostUsd: 0,
      simulated: true,
    });
  });

  it('bounds a real preset’s cost, more for a longer conversation', () => {
    const short = summarizeSetup({ settings: { mode: 'preset', presetId: 'moa-lite' }, catalog: withTogether, question: 'Hi', earlier: [] });
    const long = summarizeSetup({ settings: { mode: 'preset', presetId: 'moa-lite' }, catalog: withTogether, question: 'Hi', earlier: ['word '.repeat(4000)] });
    expect(short).toMatchObject({ name: 'MoA-Lite', agents: 7, simulated: false });
    expect(short?.maxCostUsd).toBeGreaterThan(0);
    expect(long?.maxCostUsd).toBeGreaterThan(short?.maxCostUsd ?? Number.POSITIVE_INFINITY);
  });

  it('says nothing for a custom config that cannot run', () => {
    const broken = { mode: 'custom' as const, config: { layers: [], aggregator: { model: 'simulator:qwen-72b' } } };
    expect(summarizeSetup({ settings: broken, catalog: simulatedOnly, question: 'Hi', earlier: [] })).toBeUndefined();
  });
});
