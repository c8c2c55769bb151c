import { describe, expect, inject, it } from 'vitest';
import { expectConnectionsEnded, setUpFaultSuite } from '../support/fault-suite';
import { getRequests, setBehaviors } from '../support/openai-control';
import { modelOf, runThroughRoute } from '../support/route-run';

const baseURL = inject('openaiBaseUrl');

setUpFaultSuite();

describe('a layer under several faults at once', () => {
  it('answers when a single proposer per layer survives', async () => {
    const namespace = crypto.randomUUID();
    const model = (name: string) => modelOf(namespace, name);
    await setBehaviors(baseURL, {
      [`${namespace}/server-error`]: { status: 500 },
      [`${namespace}/empty`]: { empty: true },
      [`${namespace}/rate-limited`]: { status: 429, retryAfter: '0' },
      [`${namespace}/survivor-2`]: { text: 'Only I answered in layer two.' },
      [`${namespace}/aggregator`]: { text: 'Blue.' },
    });
    const run = await runThroughRoute({
      layers: [
        { agents: [model('server-error'), modelOf(namespace, 'refused', { refused: true }), model('survivor-1')] },
        { agents: [model('empty'), model('survivor-2'), model('rate-limited')] },
      ],
      aggregator: model('aggregator'),
      maxRetries: 1,
    });

    expect(run.summary).toMatchObject({ status: 'done', agents: { total: 7, done: 3, failed: 4 } });
    expect(run.answer).toBe('Blue.');
    const failed = [...run.agents.values()].filter((agent) => agent.status === 'failed');
    expect(failed.map((agent) => agent.error.code)).toEqual([
      'provider_error',
      'network_error',
      'empty_response',
      'rate_limited',
    ]);
    const requests = await getRequests(baseURL, namespace);
    const aggregatorCall = requests.find((request) => request.model === `${namespace}/aggregator`);
    expect(aggregatorCall?.messages[0]?.content).toMatch(/\n1\. Only I answered in layer two\.$/);
    // 500 and 429 are retried once; the refused connection never reaches the server.
    await expectConnectionsEnded(namespace, [...Array(8).fill('completed'), 'none']);
  });

  it('ends the run with no_responses when every proposer of a layer fails, and never calls the aggregator', async () => {
    const namespace = crypto.randomUUID();
    await setBehaviors(baseURL, { [`${namespace}/server-error`]: { status: 503 }, [`${namespace}/empty`]: { empty: true } });
    const run = await runThroughRoute({
      layers: [
        { agents: [modelOf(namespace, 'a')] },
        {
          agents: [
            modelOf(namespace, 'server-error'),
            modelOf(namespace, 'empty'),
            modelOf(namespace, 'refused', { refused: true }),
          ],
        },
      ],
      aggregator: modelOf(namespace, 'aggregator'),
      maxRetries: 0,
    });

    expect(run.summary).toMatchObject({ status: 'error', error: { code: 'no_responses' } });
    expect(run.summary.error.message).toMatch(/layer 2/);
    expect(run.errors).toEqual([run.summary.error.message]);
    expect(run.chunks.at(-1)?.type).toBe('finish');
    expect(run.layers.get(2)).toMatchObject({ status: 'failed', succeeded: 0, failed: 3 });
    expect(run.agents.get('L3.1')?.status).toBe('queued');
    const calledModels = (await getRequests(baseURL, namespace)).map((request) => request.model);
    expect(calledModels).not.toContain(`${namespace}/aggregator`);
    await expectConnectionsEnded(namespace, ['completed', 'completed', 'completed', 'none']);
  });
});
