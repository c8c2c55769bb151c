import { describe, expect, it } from 'vitest';
import { agentCount, everyAgent, everyAgentPath, everyLayer, moaConfigSchema } from '@/lib/protocol/moa-config';

const config = moaConfigSchema.parse({
  layers: [{ agents: [{ model: 'simulator:a' }, { model: 'simulator:b' }] }, { agents: [{ model: 'simulator:c' }] }],
  aggregator: { model: 'simulator:z' },
});

describe('every agent of a config', () => {
  it('lists the proposers layer by layer, then the aggregator', () => {
    expect(everyAgent(config).map((agent) => agent.model)).toEqual([
      'simulator:a',
      'simulator:b',
      'simulator:c',
      'simulator:z',
    ]);
  });

  it('names each agent by its path in the config, in the same order', () => {
    expect(everyAgentPath(config).map(({ path, agent }) => `${path}=${agent.model}`)).toEqual([
      'layers.0.agents.0=simulator:a',
      'layers.0.agents.1=simulator:b',
      'layers.1.agents.0=simulator:c',
      'aggregator=simulator:z',
    ]);
  });

  it('lays the agents out by layer, the aggregator’s last', () => {
    expect(everyLayer(config).map((agents) => agents.map((agent) => agent.model))).toEqual([
      ['simulator:a', 'simulator:b'],
      ['simulator:c'],
      ['simulator:z'],
    ]);
  });

  it('counts the aggregator among the agents', () => {
    expect(agentCount(config)).toBe(4);
  });
});
