import { fnv1a } from '@/lib/random';
import { BASELINE_AGENT_ID } from '@/lib/protocol/run-parts';
import type { RunState } from './run-state';


export interface SideFigures {
  timeToFirstTokenMs?: number;
  timeMs?: number;
  tokens?: number;
  cost?: number;
}

/** Which column shows the MoA answer when labels are blind, fixed per run so a reload keeps the order. */
export function moaGoesFirst(runId: string): boolean {
  return fnv1a(runId) % 2 === 0;
}

/** Time to first token, total time, tokens and cost of each side: the MoA run's totals and the baseline agent's. */
export function comparisonFigures(state: RunState): { moa: SideFigures; baseline: SideFigures } {
  const baseline = state.agents[BASELINE_AGENT_ID];
  return {
    moa: {
      timeToFirstTokenMs: state.summary?.answerFirstTokenMs,
      timeMs: state.summary?.wallTimeMs,
      tokens: state.summary ? state.summary.usage.inputTokens + state.summary.usage.outputTokens : undefined,
      cost: state.summary?.cost,
    },
    baseline: {
      timeToFirstTokenMs: baseline?.timings?.timeToFirstTokenMs,
      timeMs: baseline?.timings?.durationMs,
      tokens: baseline?.usage ? baseline.usage.inputTokens + baseline.usage.outputTokens : undefined,
      cost: baseline?.cost,
    },
  };
}

function ratio(moa: number | undefined, baseline: number | undefined): string | undefined {
  if (moa === undefined || baseline === undefined || baseline <= 0) return undefined;
  const value = moa / baseline;
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)}×`;
}

/** "MoA took 2.8× the time and 6.1× the cost of the single model", from what is known so far. */
export function ratioSentence(figures: { moa: SideFigures; baseline: SideFigures }): string | undefined {
  const time = ratio(figures.moa.timeMs, figures.baseline.timeMs);
  const cost = ratio(figures.moa.cost, figures.baseline.cost);
  if (!time && !cost) return undefined;
  const parts = [time && `${time} the time`, cost && `${cost} the cost`].filter(Boolean);
  return `MoA took ${parts.join(' and ')} of the single model.`;
}
