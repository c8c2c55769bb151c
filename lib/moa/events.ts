import type { ReceiptPart } from '@/lib/protocol/comparison-receipt';
import type { AgentError, AgentPart, JudgePart, LayerPart, RunAgentInfo, SummaryPart } from '@/lib/protocol/run-parts';

/**
 * Everything the engine reports, in the order it happens. Names are noun-then-verb. A comparison
 * (`runComparison`) adds its baseline to `run-start` and reports it with the same agent events (role `baseline`),
 * interleaved with the MoA's; `run-end`/`run-error` are the MoA's alone. Once both sides have answered, the route
 * reports the comparison's signed receipt (`receipt-issue`); the judge's events come last.
 */
export type MoaEvent =
  | { type: 'run-start'; layers: { layer: number; agents: RunAgentInfo[] }[]; baseline?: RunAgentInfo }
  | { type: 'layer-start'; layer: number; startMs: number; agentIds: string[] }
  | { type: 'agent-start'; agent: AgentPart }
  | { type: 'agent-delta'; agentId: string; attempt: number; delta: string }
  | { type: 'agent-retry'; agentId: string; attempt: number; delayMs: number; error: AgentError }
  | { type: 'agent-end'; agent: AgentPart }
  | { type: 'agent-error'; agent: AgentPart }
  | { type: 'layer-end'; layer: LayerPart }
  | { type: 'aggregator-delta'; agentId: string; attempt: number; delta: string }
  | { type: 'run-end'; answer: string; summary: SummaryPart }
  | { type: 'run-error'; error: AgentError; summary: SummaryPart }
  | { type: 'judge-start'; judge: JudgePart }
  | { type: 'judge-end'; judge: JudgePart }
  | { type: 'receipt-issue'; receipt: ReceiptPart };

export type MoaEventType = MoaEvent['type'];
