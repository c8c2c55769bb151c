import type { AgentError, AgentPart, LayerPart, RunAgentInfo, SummaryPart } from '@/lib/protocol/run-parts';

/** Everything the engine reports, in the order it happens. Names are noun-then-verb. */
export type MoaEvent =
  | { type: 'run-start'; layers: { layer: number; agents: RunAgentInfo[] }[] }
  | { type: 'layer-start'; layer: number; startMs: number; agentIds: string[] }
  | { type: 'agent-start'; agent: AgentPart }
  | { type: 'agent-delta'; agentId: string; attempt: number; delta: string }
  | { type: 'agent-retry'; agentId: string; attempt: number; delayMs: number; error: AgentError }
  | { type: 'agent-end'; agent: AgentPart }
  | { type: 'agent-error'; agent: AgentPart }
  | { type: 'layer-end'; layer: LayerPart }
  | { type: 'aggregator-delta'; agentId: string; attempt: number; delta: string }
  | { type: 'run-end'; answer: string; summary: SummaryPart }
  | { type: 'run-error'; error: AgentError; summary: SummaryPart };

export type MoaEventType = MoaEvent['type'];
