import type { AgentSpec, MoaConfig } from '@/lib/protocol/moa-config';
import { agentIdOf } from '@/lib/protocol/run-parts';

/** An agent placed in the run: its stable id (`L2.3`), its layer (1-based) and its role. */
export interface PlannedAgent {
  id: string;
  layer: number;
  index: number;
  /** `baseline` only for a comparison's single model, which `planAgents` never plans. */
  role: 'proposer' | 'aggregator' | 'baseline';
  spec: AgentSpec;
}

/** Lays the config out as layers of agents with stable ids; the aggregator is the last layer. */
export function planAgents(config: MoaConfig): PlannedAgent[][] {
  const proposers = config.layers.map((layer, layerIndex) =>
    layer.agents.map(
      (spec, index): PlannedAgent => ({
        id: agentIdOf(layerIndex + 1, index + 1),
        layer: layerIndex + 1,
        index: index + 1,
        role: 'proposer',
        spec,
      }),
    ),
  );
  const aggregatorLayer = config.layers.length + 1;
  return [
    ...proposers,
    [{ id: agentIdOf(aggregatorLayer, 1), layer: aggregatorLayer, index: 1, role: 'aggregator', spec: config.aggregator }],
  ];
}
