import { describe, expect, it } from 'vitest';
import { timelineRows } from '@/lib/client/timeline-rows';
import { emptyRunState, type AgentView, type RunState } from '@/lib/client/run-state';
import type { RunAgentInfo } from '@/lib/protocol/run-parts';

const info = (id: string, layer: number): RunAgentInfo => ({
  id,
  layer,
  role: layer === 2 ? 'aggregator' : 'proposer',
  model: 'simulator:qwen-72b',
  displayName: `Model ${id}`,
  provider: 'Simulator',
  simulated: true,
});

const agent = (id: string, status: AgentView['status'], timings: AgentView['timings'], error?: AgentView['error']): AgentView => ({
  id,
  layer: Number(id[1]),
  role: 'proposer',
  model: 'simulator:qwen-72b',
  status,
  attempt: 1,
  liveText: status === 'running' ? 'Some text' : '',
  timings,
  error,
});

const state = (agents: AgentView[]): RunState => ({
  ...emptyRunState,
  run: {
    runId: 'run-1',
    simulated: true,
    startedAt: 0,
    layers: [
      { layer: 1, agents: [info('L1.1', 1), info('L1.2', 1), info('L1.3', 1)] },
      { layer: 2, agents: [info('L2.1', 2)] },
    ],
  },
  agents: Object.fromEntries(agents.map((item) => [item.id, item])),
});

describe('timelineRows', () => {
  it('gives one row per agent in diagram order, the first of each layer marked', () => {
    const rows = timelineRows(state([]), false);
    expect(rows.map((row) => [row.id, row.firstInLayer])).toEqual([
      ['L1.1', true],
      ['L1.2', false],
      ['L1.3', false],
      ['L2.1', true],
    ]);
    expect(rows[0]).toMatchObject({ name: 'Model L1.1', status: 'queued', startMs: undefined, critical: false });
  });

  it('keeps a cut straggler apart from the kept answers and puts the slowest kept one on the critical path', () => {
    const rows = timelineRows(
      state([
        agent('L1.1', 'done', { startMs: 10, endMs: 800, durationMs: 790 }),
        agent('L1.2', 'done', { startMs: 12, endMs: 1_300, durationMs: 1_288 }),
        agent('L1.3', 'cut', { startMs: 11, endMs: 1_500, durationMs: 1_489 }, { code: 'cut', message: 'Cut.' }),
        agent('L2.1', 'done', { startMs: 1_510, endMs: 2_600, durationMs: 1_090 }),
      ]),
      false,
    );
    expect(rows.map((row) => [row.id, row.status, row.critical])).toEqual([
      ['L1.1', 'done', false],
      ['L1.2', 'done', true],
      ['L1.3', 'cut', false],
      ['L2.1', 'done', true],
    ]);
    expect(rows[2]).toMatchObject({ startMs: 11, endMs: 1_500 });
  });

  it('stretches a running agent to the time elapsed so far, and stops it when the run was interrupted', () => {
    const running = [agent('L1.1', 'running', { startMs: 20 })];
    expect(timelineRows(state(running), false, 640)[0]).toMatchObject({ status: 'streaming', startMs: 20, endMs: 640 });
    expect(timelineRows(state(running), true, 640)[0]).toMatchObject({ status: 'stopped', startMs: 20, endMs: undefined });
  });
});
