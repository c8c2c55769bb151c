import { describe, expect, it } from 'vitest';
import { RunStore } from '@/lib/client/run-store';
import { displayStatus } from '@/lib/client/agent-display';

const base = { layer: 1, role: 'proposer' as const, model: 'simulator:a' };
const run = {
  runId: 'r',
  simulated: true,
  startedAt: 0,
  layers: [{ layer: 1, agents: [{ id: 'L1.1', ...base, displayName: 'A', provider: 'Simulator', simulated: true }] }],
};

function storeAt(times: number[]) {
  return new RunStore(() => times.shift() ?? 0);
}

describe('RunStore', () => {
  it('tells subscribers once for a burst of parts, when it publishes', () => {
    const store = storeAt([]);
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.apply({ type: 'data-run', id: 'run', data: run });
    store.apply({ type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'running', attempt: 1 } });
    store.apply({ type: 'data-agent-delta', data: { id: 'L1.1', attempt: 1, offset: 0, delta: 'Hello' } });
    expect(calls).toBe(0);
    store.flush();
    expect(calls).toBe(1);
    expect(store.getSnapshot().state.agents['L1.1']?.liveText).toBe('Hello');
  });

  it('keeps an unchanged agent’s object when another agent changes', () => {
    const store = storeAt([]);
    store.apply({ type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'done', attempt: 1, text: 'x' } });
    store.apply({ type: 'data-agent', id: 'L1.2', data: { id: 'L1.2', ...base, status: 'running', attempt: 1 } });
    store.flush();
    const before = store.getSnapshot().state.agents['L1.1'];
    store.apply({ type: 'data-agent-delta', data: { id: 'L1.2', attempt: 1, offset: 0, delta: 'more' } });
    store.flush();
    expect(store.getSnapshot().state.agents['L1.1']).toBe(before);
  });

  it('records when the run, each agent, and each agent’s first token reached the client', () => {
    const store = storeAt([100, 150, 400]);
    store.apply({ type: 'data-run', id: 'run', data: run });
    store.apply({ type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'running', attempt: 1 } });
    store.apply({ type: 'data-agent-delta', data: { id: 'L1.1', attempt: 1, offset: 0, delta: 'a' } });
    store.apply({ type: 'data-agent-delta', data: { id: 'L1.1', attempt: 1, offset: 1, delta: 'b' } });
    store.flush();
    expect(store.getSnapshot().clock).toEqual({ runStartedAt: 100, startedAt: { 'L1.1': 150 }, firstDeltaAt: { 'L1.1': 400 } });
  });

  it('starts empty again on reset', () => {
    const store = storeAt([]);
    store.apply({ type: 'data-run', id: 'run', data: run });
    store.reset();
    store.flush();
    expect(store.getSnapshot().state.run).toBeUndefined();
  });
});

describe('displayStatus', () => {
  const agent = (overrides: object) => ({ id: 'L1.1', ...base, status: 'running' as const, attempt: 1, liveText: '', ...overrides });

  it('tells thinking from streaming by whether text has arrived', () => {
    expect(displayStatus(agent({}), false)).toBe('thinking');
    expect(displayStatus(agent({ liveText: 'Hi' }), false)).toBe('streaming');
  });

  it('shows a running agent with an error as retrying', () => {
    expect(displayStatus(agent({ attempt: 2, error: { code: 'rate_limited', message: '429' } }), false)).toBe('retrying');
  });

  it('shows unfinished agents of an interrupted run as stopped, finished ones as they ended', () => {
    expect(displayStatus(agent({}), true)).toBe('stopped');
    expect(displayStatus(agent({ status: 'queued' }), true)).toBe('stopped');
    expect(displayStatus(agent({ status: 'cut' }), true)).toBe('cut');
  });
});
