'use client';
import { useCallback, useState } from 'react';
import { type AgentView, type RunState, withSkippedAgents } from '@/lib/client/run-state';
import { AgentInspector } from '@/components/diagram/agent-inspector';
import { MoaDiagram } from '@/components/diagram/moa-diagram';
import { RunTimeline } from '@/components/diagram/run-timeline';
import type { RunView } from './run-panel';

/** An unfolded run: its diagram and timeline, and the inspector of the agent picked in the diagram. */
export function RunDetails({ view, panelId }: { view: RunView; panelId: string }) {
  const { state, interrupted, live } = view;
  const [inspected, setInspected] = useState<string>();
  const onInspect = useCallback((agentId: string) => setInspected(agentId), []);
  if (!state.run) return null;

  const shown = withSkippedAgents(withAnswerText(state));
  const info = state.run.layers.flatMap((layer) => layer.agents).find((agent) => agent.id === inspected);
  const agent = inspected ? shown.agents[inspected] : undefined;
  return (
    <>
      <div id={panelId} className="space-y-3">
        <MoaDiagram state={shown} interrupted={interrupted} onInspect={onInspect} clock={live?.clock} now={live?.now} />
        <RunTimeline state={state} interrupted={interrupted} clock={live?.clock} now={live?.now} />
      </div>
      <AgentInspector info={info} agent={agent} interrupted={interrupted} onClose={() => setInspected(undefined)} />
    </>
  );
}

/**
 * The aggregator streams into the answer, not into deltas: its node and inspector show that text until its final
 * part arrives, so it reads as streaming like the others.
 */
function withAnswerText(state: RunState): RunState {
  const aggregatorId = state.run?.layers.at(-1)?.agents[0]?.id;
  const aggregator = aggregatorId ? state.agents[aggregatorId] : undefined;
  if (!aggregator || aggregator.text !== undefined || state.answer.length === 0) return state;
  const streaming: AgentView = { ...aggregator, liveText: state.answer };
  return { ...state, agents: { ...state.agents, [aggregator.id]: streaming } };
}
