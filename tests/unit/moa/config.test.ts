import { describe, expect, it } from 'vitest';
import { CAPS, moaConfigSchema } from '@/lib/protocol/moa-config';
import { planAgents } from '@/lib/moa/config';

const agent = { model: 'simulator:qwen-72b' };

describe('moaConfigSchema', () => {
  it('fills sampling defaults from the paper’s reference code', () => {
    const config = moaConfigSchema.parse({ layers: [{ agents: [agent] }], aggregator: agent });
    expect(config.aggregator).toEqual({ model: 'simulator:qwen-72b', temperature: 0.7, maxOutputTokens: 512 });
    expect(config.maxRetries).toBe(2);
  });

  it('rejects more agents than the total cap even when each layer is within its own', () => {
    const layer = { agents: Array.from({ length: CAPS.agentsPerLayer }, () => agent) };
    const result = moaConfigSchema.safeParse({ layers: [layer, layer, layer, layer], aggregator: agent });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(`limit is ${CAPS.totalAgents}`);
  });

  it('rejects max tokens beyond the cap and model ids without a provider', () => {
    expect(moaConfigSchema.safeParse({ layers: [{ agents: [{ model: 'x:y', maxOutputTokens: 100_000 }] }], aggregator: agent }).success).toBe(false);
    expect(moaConfigSchema.safeParse({ layers: [{ agents: [{ model: 'no-provider' }] }], aggregator: agent }).success).toBe(false);
  });
});

describe('planAgents', () => {
  it('gives agents stable ids by layer and position, the aggregator last', () => {
    const plan = planAgents(moaConfigSchema.parse({ layers: [{ agents: [agent, agent] }, { agents: [agent] }], aggregator: agent }));
    expect(plan.map((layer) => layer.map((planned) => `${planned.id}:${planned.role}`))).toEqual([
      ['L1.1:proposer', 'L1.2:proposer'],
      ['L2.1:proposer'],
      ['L3.1:aggregator'],
    ]);
  });
});
