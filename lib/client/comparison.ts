import { readReceiptClaims, type ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { BASELINE_AGENT_ID } from '@/lib/protocol/run-parts';
import type { RunState } from './run-state';

export interface SideFigures {
  timeToFirstTokenMs?: number;
  timeMs?: number;
  tokens?: number;
  cost?: number;
}

export type Side = 'moa' | 'baseline';

/** The comparison's receipt, as the server signed it; undefined until both sides have answered. */
export function receiptClaimsOf(state: RunState): ReceiptClaims | undefined {
  return state.receipt ? readReceiptClaims(state.receipt.token) : undefined;
}

/**
 * The sides in the order they are shown, as A then B: the order the server drew for the receipt, or, before there
 * is one (an open comparison still running, or one whose side failed), the single model first.
 */
export function sideOrder(claims: ReceiptClaims | undefined): [Side, Side] {
  return claims?.moaLabel === 'A' ? ['moa', 'baseline'] : ['baseline', 'moa'];
}

/**
 * Each side's answer: the aggregator's final text once it has one (the streamed answer part may lag behind it by a
 * render), else what streamed so far; the single model's likewise.
 */
export function sideAnswers(state: RunState): Record<Side, string> {
  const aggregatorId = state.run?.layers.at(-1)?.agents[0]?.id;
  const aggregator = aggregatorId ? state.agents[aggregatorId] : undefined;
  const baseline = state.agents[BASELINE_AGENT_ID];
  return {
    moa: aggregator?.status === 'done' && aggregator.text !== undefined ? aggregator.text : state.answer,
    baseline: baseline?.text ?? baseline?.liveText ?? '',
  };
}

/** How many of a comparison's model calls (every MoA agent and the single model) have ended, of how many. */
export function comparisonProgress(state: RunState): { ended: number; total: number } {
  const agents = Object.values(state.agents);
  const ended = agents.filter((agent) => agent.status === 'done' || agent.status === 'failed' || agent.status === 'cut');
  return { ended: ended.length, total: agents.length };
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
