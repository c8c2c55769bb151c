import { describe, expect, it } from 'vitest';
import { criticalPathAgents } from '@/lib/client/critical-path';
import type { AgentView } from '@/lib/client/run-state';
import type { RunAgentInfo } from '@/lib/protocol/run-parts';

const info = (id: string, layer: number, role: RunAgentInfo['role'] = 'proposer'): RunAgentInfo => ({
  id,
  layer,
  role,
  model: 'simulator:qwen-72b',
  displayName: id,
  provider: 'Simulator',
  simulated: true,
});

const agent = (id: string, status: AgentView['status'], startMs: number, endMs: number): AgentView => ({
  id,
  layer: Number(id[1]),
  role: 'proposer',
  model: 'simulator:qwen-72b',
  status,
  attempt: 1,
  liveText: '',
  timings: { startMs, endMs, durationMs: endMs - startMs },
});

const layers = [
  { layer: 1, agents: [info('L1.1', 1), info('L1.2', 1), info('L1.3', 1)] },
  { layer: 2, agents: [info('L2.1', 2, 'aggregator')] },
];

describe('criticalPathAgents', () => {
  it('takes the slowest kept agent of each layer and the aggregator', () => {
    const agents = {
      'L1.1': agent('L1.1', 'done', 0, 900),
      'L1.2': agent('L1.2', 'done', 0, 1_400),
      'L1.3': agent('L1.3', 'done', 0, 1_100),
      'L2.1': agent('L2.1', 'done', 1_400, 3_000),
    };
    expect(criticalPathAgents(layers, agents)).toEqual(['L1.2', 'L2.1']);
  });

  it('passes over agents that were cut or failed, however long they ran', () => {
    const agents = {
      'L1.1': agent('L1.1', 'done', 0, 900),
      'L1.2': agent('L1.2', 'cut', 0, 5_000),
      'L1.3': agent('L1.3', 'failed', 0, 4_000),
    };
    expect(criticalPathAgents(layers, agents)).toEqual(['L1.1']);
  });

  it('of two equally slow agents, chooses the one that ended later', () => {
    const agents = { 'L1.1': agent('L1.1', 'done', 0, 1_000), 'L1.2': agent('L1.2', 'done', 200, 1_200) };
    expect(criticalPathAgents(layers, agents)).toEqual(['L1.2']);
  });

  it('marks nothing in a layer that has no kept answer yet', () => {
    expect(criticalPathAgents(layers, { 'L1.1': { ...agent('L1.1', 'running', 0, 0), timings: { startMs: 0 } } })).toEqual([]);
  });
});
