import type { AgentError, AgentPart, LayerPart, SummaryPart } from '@/lib/protocol/run-parts';

/**
 * Totals of a run. The critical path is the floor for its wall time: the slowest kept agent of each layer, the
 * aggregator included, added up.
 */
export function summarizeRun({
  status,
  error,
  agents,
  layers,
  wallTimeMs,
}: {
  status: SummaryPart['status'];
  error?: AgentError;
  agents: AgentPart[];
  layers: LayerPart[];
  wallTimeMs: number;
}): SummaryPart {
  const firstTokens = agents
    .map((agent) => agent.timings?.firstTokenMs)
    .filter((value): value is number => value !== undefined);
  const aggregator = agents.find((agent) => agent.role === 'aggregator');
  const count = (agentStatus: AgentPart['status']) => agents.filter((agent) => agent.status === agentStatus).length;
  return {
    status,
    error,
    wallTimeMs,
    criticalPathMs: layers.reduce((sum, layer) => sum + (layer.slowestKeptMs ?? 0), 0),
    firstTokenMs: firstTokens.length > 0 ? Math.min(...firstTokens) : undefined,
    answerFirstTokenMs: aggregator?.timings?.firstTokenMs,
    usage: {
      inputTokens: agents.reduce((sum, agent) => sum + (agent.usage?.inputTokens ?? 0), 0),
      outputTokens: agents.reduce((sum, agent) => sum + (agent.usage?.outputTokens ?? 0), 0),
    },
    cost: agents.reduce((sum, agent) => sum + (agent.cost ?? 0), 0),
    agents: { total: agents.length, done: count('done'), failed: count('failed'), cut: count('cut') },
    layers,
  };
}
