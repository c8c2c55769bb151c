import type { RunState } from './run-state';

/** Where a live run stands, for the one line above its diagram. */
export interface LiveProgress {
  /** The layer under way (1-based, the aggregator's counted), of `layers`. */
  layer: number;
  layers: number;
  /** MoA agents with a final state (done, failed or cut), of `agents`. */
  finished: number;
  agents: number;
  /** Reported so far by the agents that finished. */
  costUsd: number;
}

const FINAL = new Set(['done', 'failed', 'cut']);

/**
 * Folds a live run's state into "Layer 2 of 3 · 9 of 13 agents done": the layer under way is the first one not yet
 * ended. A comparison's baseline is not one of the MoA's agents and is left out of the counts.
 */
export function liveProgress(state: RunState): LiveProgress | undefined {
  const run = state.run;
  if (!run) return undefined;
  const planned = run.layers.flatMap((layer) => layer.agents.map((agent) => agent.id));
  const ended = run.layers.filter((layer) => {
    const status = state.layers[layer.layer]?.status;
    return status === 'done' || status === 'failed';
  }).length;
  let finished = 0;
  let costUsd = 0;
  for (const id of planned) {
    const agent = state.agents[id];
    if (!agent || !FINAL.has(agent.status)) continue;
    finished += 1;
    costUsd += agent.cost ?? 0;
  }
  return { layer: Math.min(ended + 1, run.layers.length), layers: run.layers.length, finished, agents: planned.length, costUsd };
}
