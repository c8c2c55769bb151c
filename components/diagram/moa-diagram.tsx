'use client';
import { useId, useMemo, useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { displayStatus, statusLabel } from '@/lib/client/agent-display';
import { DIAGRAM, diagramLayout } from '@/lib/client/diagram-layout';
import { nextDiagramNode } from '@/lib/client/diagram-navigation';
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

/** The agent a pointer or focus event came from, by the node's `data-agent-id`. */
function agentIdOf(target: EventTarget | null): string | undefined {
  return target instanceof Element ? (target.closest('[data-agent-id]')?.getAttribute('data-agent-id') ?? undefined) : undefined;
}

/**
 * The run as a layer-by-layer diagram: one column per layer, the aggregator last, every agent wired to the next layer.
 * It is one tab stop: arrow keys move between nodes (a roving tabindex), Home and End jump to the first and last,
 * Enter or Space opens the node. Hovering or focusing a node brings out its edges (the later of the two); events are handled once here, by
 * delegation, and only the edges redraw, so the nodes (memoized) stay as they are.
 */
export function MoaDiagram({ state, interrupted, onInspect, clock, now }: MoaDiagramProps) {
  const layers = state.run?.layers;
  const layout = useMemo(() => diagramLayout(layers ?? []), [layers]);
  const columns = useMemo(() => (layers ?? []).map((layer) => layer.agents.map((agent) => agent.id)), [layers]);
  const [hovered, setHovered] = useState<string>();
  const [focused, setFocused] = useState<string>();
  const [chosenTabStop, setChosenTabStop] = useState<string>();
  const hintId = useId();
  if (!layers) return null;
  const tabStop = chosenTabStop !== undefined && layout.nodes[chosenTabStop] ? chosenTabStop : columns[0]?.[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = agentIdOf(event.target);
    if (!current || event.altKey || event.ctrlKey || event.metaKey) return;
    const next = nextDiagramNode(columns, current, event.key);
    if (next === undefined) return;
    event.preventDefault();
    setChosenTabStop(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-agent-id="${CSS.escape(next)}"]`)?.focus();
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const id = agentIdOf(event.target);
    setFocused(id);
    if (id) setChosenTabStop(id);
    // The latest of the two wins: a node reached by keyboard is brought out even under a resting pointer.
    setHovered(undefined);
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!agentIdOf(event.relatedTarget)) setFocused(undefined);
  };
  const onPointerOver = (event: PointerEvent<HTMLDivElement>) => setHovered(agentIdOf(event.target));

  return (
    <div
      role="group"
      aria-label="Mixture-of-Agents diagram"
      aria-describedby={hintId}
      className="overflow-x-auto p-1.5 pb-2"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      onPointerOver={onPointerOver}
      onPointerLeave={() => setHovered(undefined)}
    >
      <LayerSummary state={state} interrupted={interrupted} />
      <p id={hintId} className="sr-only">
        Arrow keys move between agents, Home and End go to the first and the last, Enter opens one.
      </p>
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
          <DiagramEdges layout={layout} state={state} interrupted={interrupted} active={hovered ?? focused} />
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
                  tabStop={info.id === tabStop}
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
