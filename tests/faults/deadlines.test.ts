import { describe, expect, inject, it } from 'vitest';
import { DEADLINE_SLACK_MS, expectConnectionsEnded, setUpFaultSuite, TIMER_SLACK_MS } from '../support/fault-suite';
import { getRequests, setBehaviors, type Behavior } from '../support/openai-control';
import { modelOf, runThroughRoute } from '../support/route-run';

const baseURL = inject('openaiBaseUrl');

setUpFaultSuite();

/** A fresh namespace with the behaviours given by model name. */
async function namespaceWith(behaviors: Record<string, Behavior>): Promise<string> {
  const namespace = crypto.randomUUID();
  const byModelId = Object.entries(behaviors).map(([name, behavior]) => [`${namespace}/${name}`, behavior]);
  await setBehaviors(baseURL, Object.fromEntries(byModelId));
  return namespace;
}

function layerOf(namespace: string, ...names: string[]) {
  return { agents: names.map((name) => modelOf(namespace, name)) };
}

describe('the straggler policy', () => {
  it('cuts a hanging proposer at the layer deadline once enough have answered, long before its timeout', async () => {
    const layerDeadlineMs = 300;
    const namespace = await namespaceWith({ hanging: { hang: true } });
    const run = await runThroughRoute({
      layers: [layerOf(namespace, 'hanging', 'a', 'b')],
      aggregator: modelOf(namespace, 'aggregator'),
      straggler: { minResponses: 2, layerDeadlineMs },
      agentTimeoutMs: 60_000,
    });

    expect(run.summary).toMatchObject({ status: 'done', agents: { done: 3, cut: 1, failed: 0 } });
    const hanging = run.agents.get('L1.1');
    expect(hanging).toMatchObject({ status: 'cut', error: { code: 'cut' } });
    expect(hanging.error.message).toMatch(/straggler policy/);
    const layer = run.layers.get(1);
    expect(layer).toMatchObject({ status: 'done', succeeded: 2, cut: 1 });
    expect(layer.endMs - layer.startMs).toBeGreaterThan(layerDeadlineMs - TIMER_SLACK_MS);
    expect(layer.endMs - layer.startMs).toBeLessThan(layerDeadlineMs + DEADLINE_SLACK_MS);
    expect(run.chunks.at(-1)?.type).toBe('finish');
    await expectConnectionsEnded(namespace, ['clientClosed', 'completed', 'completed', 'completed']);
  });

  it('waits past the layer deadline until minResponses proposers have answered before cutting', async () => {
    const namespace = await namespaceWith({ hanging: { hang: true }, slow: { firstByteMs: 500 } });
    const run = await runThroughRoute({
      layers: [layerOf(namespace, 'hanging', 'slow', 'fast')],
      aggregator: modelOf(namespace, 'aggregator'),
      straggler: { minResponses: 2, layerDeadlineMs: 0 },
    });

    const [hanging, slow] = [run.agents.get('L1.1'), run.agents.get('L1.2')];
    expect(slow).toMatchObject({ status: 'done' });
    expect(hanging).toMatchObject({ status: 'cut', error: { code: 'cut' } });
    expect(hanging.timings.endMs).toBeGreaterThanOrEqual(slow.timings.endMs);
    expect(run.summary.status).toBe('done');
    await expectConnectionsEnded(namespace, ['clientClosed', 'completed', 'completed', 'completed']);
  });

  it('leaves a hanging proposer to its timeout while fewer than minResponses have answered', async () => {
    const agentTimeoutMs = 1_000;
    const namespace = await namespaceWith({ hanging: { hang: true } });
    const run = await runThroughRoute({
      layers: [layerOf(namespace, 'hanging', 'a', 'b')],
      aggregator: modelOf(namespace, 'aggregator'),
      straggler: { minResponses: 3, layerDeadlineMs: 0 },
      agentTimeoutMs,
    });

    const hanging = run.agents.get('L1.1');
    expect(hanging).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(hanging.timings.durationMs).toBeGreaterThan(agentTimeoutMs - TIMER_SLACK_MS);
    expect(hanging.timings.durationMs).toBeLessThan(agentTimeoutMs + DEADLINE_SLACK_MS);
    expect(run.summary).toMatchObject({ status: 'done', agents: { done: 3, failed: 1, cut: 0 } });
    await expectConnectionsEnded(namespace, ['clientClosed', 'completed', 'completed', 'completed']);
  });
});

describe('the agent timeout', () => {
  it('ends the run with no_responses once every proposer of a layer outlived it, and closes the stream', async () => {
    const agentTimeoutMs = 1_000;
    const namespace = await namespaceWith({ hanging: { hang: true }, 'slow-first-byte': { firstByteMs: 60_000 } });
    const run = await runThroughRoute({
      layers: [layerOf(namespace, 'hanging', 'slow-first-byte')],
      aggregator: modelOf(namespace, 'aggregator'),
      agentTimeoutMs,
    });

    expect(run.summary).toMatchObject({ status: 'error', error: { code: 'no_responses' }, agents: { failed: 2 } });
    expect(run.errors).toEqual([run.summary.error.message]);
    expect(run.chunks.at(-1)?.type).toBe('finish');
    for (const id of ['L1.1', 'L1.2']) {
      expect(run.agents.get(id)).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    }
    expect(run.summary.wallTimeMs).toBeGreaterThan(agentTimeoutMs - TIMER_SLACK_MS);
    expect(run.summary.wallTimeMs).toBeLessThan(agentTimeoutMs + DEADLINE_SLACK_MS);
    const calledModels = (await getRequests(baseURL, namespace)).map((request) => request.model);
    expect(calledModels).not.toContain(`${namespace}/aggregator`);
    await expectConnectionsEnded(namespace, ['clientClosed', 'clientClosed']);
  });
});
