import { describe, expect, it } from 'vitest';
import { liveProgress } from '@/lib/client/live-progress';
import { emptyRunState, type RunState } from '@/lib/client/run-state';

const agent = (id: string, layer: number) => ({ id, layer, role: 'proposer' as const, model: 'm', displayName: 'M', provider: 'p', simulated: true });
const run = {
  runId: 'r',
  simulated: true,
  startedAt: 0,
  layers: [
    { layer: 1, agents: [agent('L1.1', 1), agent('L1.2', 1)] },
    { layer: 2, agents: [{ ...agent('L2.1', 2), role: 'aggregator' as const }] },
  ],
  baseline: { ...agent('baseline', 1), role: 'baseline' as const },
};
const view = (id: string, status: 'queued' | 'running' | 'done' | 'failed' | 'cut', cost?: number) => ({
  id,
  status,
  attempt: 1,
  liveText: '',
  ...(cost !== undefined ? { cost } : {}),
});

describe('the live progress line', () => {
  it('counts the MoA’s finished agents and their cost, and names the first layer not yet ended', () => {
    const state = {
      ...emptyRunState,
      run,
      agents: { 'L1.1': view('L1.1', 'done', 0.002), 'L1.2': view('L1.2', 'running'), baseline: view('baseline', 'done', 0.5) },
      layers: { 1: { layer: 1, status: 'running' as const, startMs: 0, succeeded: 1, failed: 0, cut: 0 } },
    } as unknown as RunState;
    expect(liveProgress(state)).toEqual({ layer: 1, layers: 2, finished: 1, agents: 3, costUsd: 0.002 });
  });

  it('moves to the aggregator once the proposer layer has ended, a cut agent counted as finished', () => {
    const state = {
      ...emptyRunState,
      run,
      agents: { 'L1.1': view('L1.1', 'done', 0.002), 'L1.2': view('L1.2', 'cut', 0.001), 'L2.1': view('L2.1', 'running') },
      layers: { 1: { layer: 1, status: 'done' as const, startMs: 0, endMs: 5, succeeded: 1, failed: 0, cut: 1 } },
    } as unknown as RunState;
    expect(liveProgress(state)).toMatchObject({ layer: 2, finished: 2, costUsd: 0.003 });
  });

  it('has nothing to say before the run’s plan arrives', () => {
    expect(liveProgress(emptyRunState)).toBeUndefined();
  });
});
