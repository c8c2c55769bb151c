import { describe, expect, it } from 'vitest';
import { comparisonProgress, ratioSentence, sideOrder } from '@/lib/client/comparison';
import { emptyRunState, type AgentView } from '@/lib/client/run-state';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';

function agent(id: string, status: AgentView['status']): AgentView {
  return { id, layer: 1, role: 'proposer', model: 'simulator:a', status, attempt: 1, liveText: '' };
}

describe('comparison helpers', () => {
  it('shows the sides in the order the receipt drew, and the single model first before there is one', () => {
    expect(sideOrder({ moaLabel: 'A' } as ReceiptClaims)).toEqual(['moa', 'baseline']);
    expect(sideOrder({ moaLabel: 'B' } as ReceiptClaims)).toEqual(['baseline', 'moa']);
    expect(sideOrder(undefined)).toEqual(['baseline', 'moa']);
  });

  it('counts the calls of both sides that have ended, however they ended', () => {
    const agents = [agent('L1.1', 'done'), agent('L1.2', 'failed'), agent('L1.3', 'cut'), agent('L2.1', 'running'), agent('baseline', 'queued')];
    const state = { ...emptyRunState, agents: Object.fromEntries(agents.map((view) => [view.id, view])) };
    expect(comparisonProgress(state)).toEqual({ ended: 3, total: 5 });
  });

  it('says how many times the time and cost MoA took', () => {
    expect(ratioSentence({ moa: { timeMs: 2800, cost: 0.0061 }, baseline: { timeMs: 1000, cost: 0.001 } })).toBe(
      'MoA took 2.8× the time and 6.1× the cost of the single model.',
    );
  });

  it('leaves out a ratio it cannot compute, and says nothing without any', () => {
    expect(ratioSentence({ moa: { timeMs: 3000, cost: 0.01 }, baseline: { timeMs: 1000, cost: 0 } })).toBe(
      'MoA took 3.0× the time of the single model.',
    );
    expect(ratioSentence({ moa: {}, baseline: {} })).toBeUndefined();
  });
});
