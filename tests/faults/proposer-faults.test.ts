import { describe, expect, inject, it } from 'vitest';
import { FAULT_KINDS, type FaultOutcome } from '../support/fault-kinds';
import { DEADLINE_SLACK_MS, expectConnectionsEnded, setUpFaultSuite, TIMER_SLACK_MS } from '../support/fault-suite';
import { getRequests, setBehaviors } from '../support/openai-control';
import { modelOf, runThroughRoute } from '../support/route-run';

const baseURL = inject('openaiBaseUrl');
const AGENT_TIMEOUT_MS = 2_000;
const ANSWER = 'Blue light scatters most, so the sky looks blue.';

setUpFaultSuite();

describe.each(FAULT_KINDS)('a proposer hit by $name in each of two layers', (fault) => {
  it('fails with a reason that names the fault, while the others carry the run to its answer', async () => {
    const namespace = crypto.randomUUID();
    const faulty = (name: string) => modelOf(namespace, name, { refused: fault.behavior === undefined });
    const healthy = (name: string) => modelOf(namespace, name);
    await setBehaviors(baseURL, {
      ...(fault.behavior && { [`${namespace}/faulty-1`]: fault.behavior, [`${namespace}/faulty-2`]: fault.behavior }),
      [`${namespace}/aggregator`]: { text: ANSWER },
    });

    const run = await runThroughRoute({
      layers: [
        { agents: [faulty('faulty-1'), healthy('a'), healthy('b')] },
        { agents: [healthy('c'), faulty('faulty-2'), healthy('d')] },
      ],
      aggregator: healthy('aggregator'),
      maxRetries: 1,
      agentTimeoutMs: AGENT_TIMEOUT_MS,
    });

    expect(run.chunks.at(-1)?.type).toBe('finish');
    expect(run.errors).toEqual([]);
    expect(run.summary).toMatchObject({ status: 'done', agents: { total: 7, done: 5, failed: 2, cut: 0 } });
    expect(run.answer).toBe(ANSWER);
    expect([run.layers.get(1), run.layers.get(2)]).toMatchObject([
      { status: 'done', succeeded: 2, failed: 1 },
      { status: 'done', succeeded: 2, failed: 1 },
    ]);
    const calls = fault.retryable ? 2 : 1;
    for (const id of ['L1.1', 'L2.2']) {
      const agent = run.agents.get(id);
      expect(agent).toMatchObject({ status: 'failed', attempt: calls, error: fault.error });
      expect(agent.error.message).toMatch(fault.reason);
      expect(agent.timings.durationMs).toBeLessThan(AGENT_TIMEOUT_MS + DEADLINE_SLACK_MS);
      if (fault.outlastsTimeout) expect(agent.timings.durationMs).toBeGreaterThan(AGENT_TIMEOUT_MS - TIMER_SLACK_MS);
    }

    const requests = await getRequests(baseURL, namespace);
    const callsTo = (name: string) => requests.filter((request) => request.model === `${namespace}/${name}`).length;
    const serverCalls = fault.behavior ? calls : 0;
    expect([callsTo('faulty-1'), callsTo('faulty-2')]).toEqual([serverCalls, serverCalls]);
    const healthyCalls: FaultOutcome[] = Array(5).fill('completed');
    await expectConnectionsEnded(namespace, [...healthyCalls, ...Array<FaultOutcome>(2 * calls).fill(fault.outcome)]);
  });
});
