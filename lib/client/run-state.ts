import type { AgentPart, JudgePart, LayerPart, RunPart, SummaryPart } from '@/lib/protocol/run-parts';
import type { ReceiptPart } from '@/lib/protocol/comparison-receipt';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

/** An agent as the views see it: its last reported state plus the text streamed so far. */
export interface AgentView extends AgentPart {
  liveText: string;
  /** Still queued when its run ended: it never ran (see `withSkippedAgents`). */
  skipped?: boolean;
  /** Deltas that arrived ahead of a gap, by offset, applied once the text before them is in. */
  ahead?: Record<number, string>;
}

/** Everything a view needs to draw one run, folded from its message parts and live deltas. */
export interface RunState {
  run?: RunPart;
  agents: Record<string, AgentView>;
  layers: Record<number, LayerPart>;
  summary?: SummaryPart;
  /** A comparison's judgment, from the stream or asked for afterwards. */
  judge?: JudgePart;
  /** A comparison's signed receipt, once both sides have answered. */
  receipt?: ReceiptPart;
  answer: string;
}

export const emptyRunState: RunState = { agents: {}, layers: {}, answer: '' };

type RunMessagePart = MoaUIMessage['parts'][number];

/** Folds one part of a run's message into its state. Parts are reconciled by id: a later one replaces an earlier one. */
export function foldPart(state: RunState, part: RunMessagePart): RunState {
  switch (part.type) {
    case 'data-run':
      return { ...state, run: part.data };
    case 'data-agent': {
      const previous = state.agents[part.data.id];
      const sameAttempt = previous !== undefined && previous.attempt === part.data.attempt;
      const liveText = part.data.text ?? (sameAttempt ? previous.liveText : '');
      return { ...state, agents: { ...state.agents, [part.data.id]: { ...part.data, liveText } } };
    }
    case 'data-agent-delta': {
      const agent = state.agents[part.data.id];
      // A delta of an attempt that was retried, or of an agent already final, is stale.
      if (!agent || agent.attempt !== part.data.attempt || agent.text !== undefined) return state;
      const next = appendDelta(agent, part.data.offset, part.data.delta);
      return next === agent ? state : { ...state, agents: { ...state.agents, [agent.id]: next } };
    }
    case 'data-layer':
      return { ...state, layers: { ...state.layers, [part.data.layer]: part.data } };
    case 'data-summary':
      return { ...state, summary: part.data };
    case 'data-judge':
      return { ...state, judge: part.data };
    case 'data-receipt':
      return { ...state, receipt: part.data };
    case 'text':
      return { ...state, answer: part.text };
    default:
      return state;
  }
}

/**
 * Adds a delta at its offset: text already present is skipped (a repeated delta), a delta past the end waits in
 * `ahead` until the gap before it is filled.
 */
function appendDelta(agent: AgentView, offset: number, delta: string): AgentView {
  const length = agent.liveText.length;
  if (offset > length) return { ...agent, ahead: { ...agent.ahead, [offset]: delta } };
  if (offset + delta.length <= length) return agent;
  let liveText = agent.liveText + delta.slice(length - offset);
  const ahead = { ...agent.ahead };
  for (let next = ahead[liveText.length]; next !== undefined; next = ahead[liveText.length]) {
    delete ahead[liveText.length];
    liveText += next;
  }
  return { ...agent, liveText, ahead: Object.keys(ahead).length > 0 ? ahead : undefined };
}

/** The state of a finished run from its message alone (parts in order). */
export function runStateOf(message: MoaUIMessage): RunState {
  return message.parts.reduce(foldPart, emptyRunState);
}

/** Marks the agents still queued in a run that has ended (a failed layer before them): they were skipped, not waiting. */
export function withSkippedAgents(state: RunState): RunState {
  if (!state.summary || !state.run) return state;
  let agents = state.agents;
  for (const layer of state.run.layers) {
    for (const { id } of layer.agents) {
      const agent = agents[id];
      if (agent?.status === 'queued' && !agent.skipped) agents = { ...agents, [id]: { ...agent, skipped: true } };
    }
  }
  return agents === state.agents ? state : { ...state, agents };
}
