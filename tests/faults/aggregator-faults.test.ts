import { describe, expect, inject, it } from 'vitest';
import { FAULT_KINDS, type FaultKind } from '../support/fault-kinds';
import { DEADLINE_SLACK_MS, expectConnectionsEnded, setUpFaultSuite, TIMER_SLACK_MS } from '../support/fault-suite';
import { getRequests, setBehaviors } from '../support/openai-control';
import { modelOf, runThroughRoute } from '../support/route-run';

const baseURL = inject('openaiBaseUrl');
const AGENT_TIMEOUT_MS = 2_000;

setUpFaultSuite();

/** Two healthy proposers and the faulty aggregator; `maxRetries: 0`, so only the aggregator's own retry is left. */
async function runWithFaultyAggregator(fault: FaultKind) {
  const namespace = crypto.randomUUID();
  if (fault.behavior) await setBehaviors(baseURL, { [`${namespace}/aggregator`]: fault.behavior });
  const run = await runThroughRoute({
    layers: [{ agents: [modelOf(namespace, 'a'), modelOf(namespace, 'b')] }],
    aggregator: modelOf(namespace, 'aggregator', { refused: fault.behavior === undefined }),
    maxRetries: 0,
    agentTimeoutMs: AGENT_TIMEOUT_MS,
  });
  const requests = await getRequests(baseURL, namespace);
  const aggregatorCalls = requests.filter((request) => request.model === `${namespace}/aggregator`).length;
  return { namespace, run, aggregatorCalls };
}

describe.each(FAULT_KINDS.filter((fault) => !fault.outlastsTimeout))('an aggregator hit by $name', (fault) => {
  it('ends the run with a clear run error after exactly two attempts', async () => {
    const { namespace, run, aggregatorCalls } = await runWithFaultyAggregator(fault);

    expect(run.summary).toMatchObject({
      status: 'error',
      error: { code: 'aggregator_failed' },
      agents: { total: 3, done: 2, failed: 1 },
    });
    expect(run.summary.error.message).toMatch(/^The aggregator failed after a retry: /);
    expect(run.summary.error.message).toMatch(fault.reason);
    expect(run.errors).toEqual([run.summary.error.message]);
    expect(run.chunks.at(-1)?.type).toBe('finish');
    expect(run.agents.get('L2.1')).toMatchObject({ status: 'failed', attempt: 2, error: fault.error });
    const retryNotice = run.chunks.find(
      (chunk) => chunk.type === 'data-agent' && chunk.id === 'L2.1' && chunk.data.status === 'running' && chunk.data.error,
    );
    expect(retryNotice?.data).toMatchObject({ attempt: 2, error: fault.error });
    expect(aggregatorCalls).toBe(fault.behavior ? 2 : 0);
    await expectConnectionsEnded(namespace, ['completed', 'completed', fault.outcome, fault.outcome]);
  });
});

describe.each(FAULT_KINDS.filter((fault) => fault.outlastsTimeout))('an aggregator hit by $name', (fault) => {
  it('ends the run with a clear run error after a retry, each attempt with its own time limit', async () => {
    const { namespace, run, aggregatorCalls } = await runWithFaultyAggregator(fault);

    expect(run.summary).toMatchObject({ status: 'error', error: { code: 'aggregator_failed' } });
    expect(run.summary.error.message).toBe(
      'The aggregator failed after a retry: Timed out: the agent did not finish within its time limit.',
    );
    expect(run.errors).toEqual([run.summary.error.message]);
    expect(run.chunks.at(-1)?.type).toBe('finish');
    const aggregator = run.agents.get('L2.1');
    expect(aggregator).toMatchObject({ status: 'failed', attempt: 2, error: fault.error });
    // Two time limits back to back, plus the retry's backoff (at most a second here).
    expect(aggregator.timings.durationMs).toBeGreaterThan(2 * AGENT_TIMEOUT_MS - TIMER_SLACK_MS);
    expect(aggregator.timings.durationMs).toBeLessThan(2 * AGENT_TIMEOUT_MS + 1_000 + DEADLINE_SLACK_MS);
    expect(aggregatorCalls).toBe(2);
    await expectConnectionsEnded(namespace, ['completed', 'completed', fault.outcome, fault.outcome]);
  });
});
