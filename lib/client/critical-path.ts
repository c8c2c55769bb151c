import type { AgentView } from './run-state';
import type { RunPart } from '@/lib/protocol/run-parts';

/**
 * The agents on a run's critical path: in each layer, the aggregator's included, the slowest agent whose answer was
 * kept. A layer cannot hand on before its slowest kept answer, so these durations added up are the floor for the
 * run's wall time (the summary's `criticalPathMs`); agents that failed or were cut do not hold the layer up. Of two
 * equally slow agents the one that ended later is chosen. A layer with no kept answer yet has none.
 */
export function criticalPathAgents(layers: RunPart['layers'], agents: Record<string, AgentView | undefined>): string[] {
  const path: string[] = [];
  for (const layer of layers) {
    let slowest: AgentView | undefined;
    for (const info of layer.agents) {
      const agent = agents[info.id];
      if (agent?.status !== 'done') continue;
      const duration = agent.timings?.durationMs ?? 0;
      const slowestDuration = slowest?.timings?.durationMs ?? 0;
      const later = (agent.timings?.endMs ?? 0) > (slowest?.timings?.endMs ?? 0);
      if (!slowest || duration > slowestDuration || (duration === slowestDuration && later)) slowest = agent;
    }
    if (slowest) path.push(slowest.id);
  }
  return path;
}
