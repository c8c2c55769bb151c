'use client';
import { useMemo } from 'react';
import { displayStatus, statusLabel } from '@/lib/client/agent-display';
import { DIAGRAM, diagramLayout } from '@/lib/client/diagram-layout';
import type { LiveClock } from '@/lib/client/run-store';
import type { RunState } from '@/lib/client/run-state';
import { AgentNode } from './agent-node';
import { DiagramEdges } from './diagram-edges';

interface MoaDiagramProps {
  state: RunState;
  interrupted: boolean;
  onInspect: (agentId: string) => void;
  /** While the run streams: client clock readings for live elapsed time and speed. */
  clock?: LiveClock;
  now?: number;
}

/** The run as a layer-by-layer diagram: one column per layer, the aggregator last, every agent wired to the next layer. */
export function MoaDiagram({ state, interrupted, onInspect, clock, now }: MoaDiagramProps) {
  const layers = state.run?.layers;
  const layout = useMemo(() => diagramLayout(layers ?? []), [layers]);
  if (!layers) return null;
  return (
    <div role="group" aria-label="Mixture-of-Agents diagram" className="overflow-x-auto pb-2">
      <LayerSummary state={state} interrupted={interrupted} />
      <div className="relative" style={{ width: layout.width, minWidth: layout.width }}>
        <div aria-hidden className="mb-2 flex" style={{ gap: DIAGRAM.columnGap }}>
          {layers.map((layer) => (
            <div
              key={layer.layer}
              className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400"
              style={{ width: DIAGRAM.nodeWidth }}
            >
              {layer.agents[0]?.role === 'aggregator' ? 'Aggregator' : `Layer ${layer.layer}`}
            </div>
          ))}
        </div>
        <div className="relative" style={{ height: layout.height }}>
          <DiagramEdges layout={layout} state={state} interrupted={interrupted} />
          {layers.flatMap((layer) =>
            layer.agents.map((info) => {
              const agent = state.agents[info.id];
              const running = agent?.status === 'running' && !interrupted && now !== undefined;
              return (
                <AgentNode
                  key={info.id}
                  info={info}
                  agent={agent}
                  interrupted={interrupted}
                  position={layout.nodes[info.id]!}
                  onInspect={onInspect}
                  live={
                    running
                      ? { startedAt: clock?.startedAt[info.id], firstDeltaAt: clock?.firstDeltaAt[info.id], now }
                      : undefined
                  }
                />
              );
            }),
          )}
        </div>
      </div>
    </div>
  );
}

/** A text equivalent of the diagram for screen readers: each layer's agents counted by status. */
function LayerSummary({ state, interrupted }: { state: RunState; interrupted: boolean }) {
  return (
    <ol className="sr-only">
      {state.run?.layers.map((layer) => {
        const counts = new Map<string, number>();
        for (const info of layer.agents) {
          const label = statusLabel[displayStatus(state.agents[info.id], interrupted)].toLowerCase();
          counts.set(label, (counts.get(label) ?? 0) + 1);
        }
        const name = layer.agents[0]?.role === 'aggregator' ? 'Aggregator' : `Layer ${layer.layer}`;
        return (
          <li key={layer.layer}>
            {name}: {layer.agents.length} {layer.agents.length === 1 ? 'agent' : 'agents'},{' '}
            {[...counts].map(([label, count]) => `${count} ${label}`).join(', ')}.
          </li>
        );
      })}
    </ol>
  );
}
