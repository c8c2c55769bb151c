'use client';
import { Button } from '@/components/ui/button';
import { useCallback, useState } from 'react';
import type { LiveClock } from '@/lib/client/run-store';
import { type AgentView, type RunState, withSkippedAgents } from '@/lib/client/run-state';
import { AgentInspector } from '@/components/diagram/agent-inspector';
import { MoaDiagram } from '@/components/diagram/moa-diagram';
import { RunTimeline } from '@/components/diagram/run-timeline';
import { RunTotals } from './run-totals';

interface RunPanelProps {
  state: RunState;
  interrupted: boolean;
  /** Present while the run streams. */
  live?: { clock: LiveClock; now: number };
  /** Finished runs start collapsed; the live one is open. */
  defaultOpen: boolean;
}

/** A run's diagram, timeline and totals, with the agent inspector. Collapsible once the run is over. */
export function RunPanel({ state, interrupted, live, defaultOpen }: RunPanelProps) {
  const [open, setOpen] = useState(defaultOpen);
  const [inspected, setInspected] = useState<string>();
  const onInspect = useCallback((agentId: string) => setInspected(agentId), []);
  if (!state.run) return null;

  const shown = withSkippedAgents(withAnswerText(state));
  const info = state.run.layers.flatMap((layer) => layer.agents).find((agent) => agent.id === inspected);
  const agent = inspected ? shown.agents[inspected] : undefined;
  const panelId = `run-${state.run.runId}`;
  return (
    <section aria-label="How the layers got there" className="space-y-2" data-testid="run-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RunTotals state={state} interrupted={interrupted} live={live} />
        {!live && (
          <Button
            size="xs"
            aria-expanded={open}
            aria-controls={panelId}
            data-testid="toggle-diagram"
            onClick={() => setOpen((value) => !value)}
          >
            {open ? 'Hide diagram' : 'Show diagram'}
          </Button>
        )}
      </div>
      {(open || live) && (
        <div id={panelId} className="space-y-3">
          <MoaDiagram state={shown} interrupted={interrupted} onInspect={onInspect} clock={live?.clock} now={live?.now} />
          <RunTimeline state={state} interrupted={interrupted} clock={live?.clock} now={live?.now} />
        </div>
      )}
      <AgentInspector info={info} agent={agent} interrupted={interrupted} onClose={() => setInspected(undefined)} />
    </section>
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
