import type { AgentPart, LayerPart, RunPart, SummaryPart } from '@/lib/protocol/run-parts';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

/** An agent as the views see it: its last reported state plus the text streamed so far. */
export interface AgentView extends AgentPart {
  liveText: string;
}

/** Everything a view needs to draw one run, folded from its message parts and live deltas. */
export interface RunState {
  run?: RunPart;
  agents: Record<string, AgentView>;
  layers: Record<number, LayerPart>;
  summary?: SummaryPart;
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
      return {
        ...state,
        agents: { ...state.agents, [agent.id]: { ...agent, liveText: agent.liveText + part.data.delta } },
      };
    }
    case 'data-layer':
      return { ...state, layers: { ...state.layers, [part.data.layer]: part.data } };
    case 'data-summary':
      return { ...state, summary: part.data };
    case 'text':
      return { ...state, answer: part.text };
    default:
      return state;
  }
}

/** The state of a run from its message (parts in order), plus live deltas that reached the client meanwhile. */
export function runStateOf(message: MoaUIMessage, deltas: Record<string, { attempt: number; text: string }> = {}): RunState {
  let state = message.parts.reduce(foldPart, emptyRunState);
  for (const [id, delta] of Object.entries(deltas)) {
    state = foldPart(state, { type: 'data-agent-delta', data: { id, attempt: delta.attempt, delta: delta.text } });
  }
  return state;
}
