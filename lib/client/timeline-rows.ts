import { displayStatus, type DisplayStatus } from './agent-display';
import { criticalPathAgents } from './critical-path';
import type { RunState } from './run-state';

export interface TimelineRow {
  id: string;
  layer: number;
  name: string;
  status: DisplayStatus;
  /** Offsets from the run's start; `endMs` of a running agent is the time elapsed so far. */
  startMs?: number;
  endMs?: number;
  critical: boolean;
  /** The first row of its layer, where the timeline leaves a little space. */
  firstInLayer: boolean;
}

/**
 * One row per agent of the MoA, in diagram order, with the span it ran for. Agents that were cut or failed keep their
 * status, so stragglers stand apart from the answers that were kept; the critical path is marked row by row.
 * `liveElapsedMs` stretches the bars of agents still running; once the run is over (or `interrupted`) they stop.
 */
export function timelineRows(state: RunState, interrupted: boolean, liveElapsedMs?: number): TimelineRow[] {
  const layers = state.run?.layers ?? [];
  const critical = new Set(criticalPathAgents(layers, state.agents));
  return layers.flatMap((layer) =>
    layer.agents.map((info, index) => {
      const agent = state.agents[info.id];
      const status = displayStatus(agent, interrupted);
      const running = agent?.status === 'running' && !interrupted;
      return {
        id: info.id,
        layer: layer.layer,
        name: info.displayName,
        status,
        startMs: agent?.timings?.startMs,
        endMs: agent?.timings?.endMs ?? (running ? liveElapsedMs : undefined),
        critical: critical.has(info.id),
        firstInLayer: index === 0,
      };
    }),
  );
}
