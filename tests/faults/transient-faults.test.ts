import { describe, expect, inject, it } from 'vitest';
import { expectConnectionsEnded, setUpFaultSuite, TIMER_SLACK_MS } from '../support/fault-suite';
import { getRequests, setBehaviors, type Behavior, type RecordedRequest } from '../support/openai-control';
import { modelOf, runThroughRoute } from '../support/route-run';

const baseURL = inject('openaiBaseUrl');
/** The engine's first backoff is 250–500 ms (equal jitter: half fixed, half random), doubling for each retry after it. */
const FIRST_BACKOFF_MIN_MS = 250;
const RECOVERED = 'Rayleigh scattering favours short wavelengths.';

setUpFaultSuite();

/** One layer of a flaky proposer and a healthy one, then a healthy aggregator. */
async function runWithFlakyProposer(behavior: Behavior, maxRetries: number) {
  const namespace = crypto.randomUUID();
  await setBehaviors(baseURL, { [`${namespace}/flaky`]: { text: RECOVERED, ...behavior } });
  const run = await runThroughRoute({
    layers: [{ agents: [modelOf(namespace, 'flaky'), modelOf(namespace, 'steady')] }],
    aggregator: modelOf(namespace, 'aggregator'),
    maxRetries,
  });
  const requests = await getRequests(baseURL, namespace);
  return { namespace, run, requests, callsTo: (name: string) => callsTo(requests, `${namespace}/${name}`) };
}

function callsTo(requests: RecordedRequest[], model: string): RecordedRequest[] {
  return requests.filter((request) => request.model === model);
}

/** Milliseconds between consecutive calls, as the server received them. */
function gapsBetween(calls: RecordedRequest[]): number[] {
  return calls.slice(1).map((call, index) => call.receivedAt - calls[index]!.receivedAt);
}

describe('a proposer hit by a transient 429', () => {
  it('waits at least as long as Retry-After asks before retrying, then uses the answer', async () => {
    const { run, callsTo } = await runWithFlakyProposer({ status: 429, retryAfter: '1', failTimes: 1 }, 1);

    expect(run.agents.get('L1.1')).toMatchObject({ status: 'done', attempt: 2, text: RECOVERED });
    const retryNotice = run.chunks.find(
      (chunk) => chunk.type === 'data-agent' && chunk.id === 'L1.1' && chunk.data.error,
    );
    expect(retryNotice?.data).toMatchObject({
      status: 'running',
      attempt: 2,
      error: { code: 'rate_limited', statusCode: 429 },
    });
    const [gap] = gapsBetween(callsTo('flaky'));
    expect(gap).toBeGreaterThanOrEqual(1_000 - TIMER_SLACK_MS);
    const [aggregatorCall] = callsTo('aggregator');
    expect(aggregatorCall?.messages[0]?.content).toContain(RECOVERED);
  });

  it('backs off before each retry without Retry-After, longer for the second', async () => {
    const { run, callsTo } = await runWithFlakyProposer({ status: 429, failTimes: 2 }, 2);

    expect(run.agents.get('L1.1')).toMatchObject({ status: 'done', attempt: 3, text: RECOVERED });
    const [first, second] = gapsBetween(callsTo('flaky'));
    expect(first).toBeGreaterThanOrEqual(FIRST_BACKOFF_MIN_MS - TIMER_SLACK_MS);
    expect(second).toBeGreaterThanOrEqual(2 * FIRST_BACKOFF_MIN_MS - TIMER_SLACK_MS);
  });

  it('fails at once on a Retry-After longer than the time it has left, instead of waiting into its timeout', async () => {
    const namespace = crypto.randomUUID();
    await setBehaviors(baseURL, { [`${namespace}/flaky`]: { status: 429, retryAfter: '60', failTimes: 1 } });
    const agentTimeoutMs = 10_000;
    const run = await runThroughRoute({
      layers: [{ agents: [modelOf(namespace, 'flaky'), modelOf(namespace, 'steady')] }],
      aggregator: modelOf(namespace, 'aggregator'),
      maxRetries: 1,
      agentTimeoutMs,
    });

    const flaky = run.agents.get('L1.1');
    expect(flaky).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'rate_limited', statusCode: 429 } });
    expect(flaky.timings.durationMs).toBeLessThan(agentTimeoutMs);
    expect(run.summary.status).toBe('done');
    expect(callsTo(await getRequests(baseURL, namespace), `${namespace}/flaky`)).toHaveLength(1);
  });
});

describe.each([
  { name: '500', behavior: { status: 500, failTimes: 1 }, outcome: 'completed' as const },
  { name: '503', behavior: { status: 503, failTimes: 1 }, outcome: 'completed' as const },
  { name: 'stream cut mid-answer', behavior: { disconnectAfterTokens: 2, failTimes: 1 }, outcome: 'serverClosed' as const },
])('a proposer hit by a transient $name', ({ behavior, outcome }) => {
  it('recovers on its retry and passes on the whole second answer alone', async () => {
    const { namespace, run, callsTo } = await runWithFlakyProposer(behavior, 1);

    expect(run.agents.get('L1.1')).toMatchObject({ status: 'done', attempt: 2, text: RECOVERED });
    expect(run.summary).toMatchObject({ status: 'done', agents: { done: 3, failed: 0 } });
    const retriedDeltas = run.chunks.filter(
      (chunk) => chunk.type === 'data-agent-delta' && chunk.id === 'L1.1' && chunk.data.attempt === 2,
    );
    expect(retriedDeltas[0]?.data.offset).toBe(0);
    expect(retriedDeltas.map((chunk) => chunk.data.delta).join('')).toBe(RECOVERED);
    expect(callsTo('flaky')).toHaveLength(2);
    await expectConnectionsEnded(namespace, [outcome, 'completed', 'completed', 'completed']);
  });
});

describe.each([
  { name: 'an empty completion', behavior: { empty: true, failTimes: 1 }, outcome: 'completed' as const },
  {
    name: 'a malformed SSE line',
    behavior: { malformedAfterTokens: 2, tokensPerSecond: 20, failTimes: 1 },
    outcome: 'clientClosed' as const,
  },
])('an aggregator hit once by $name, which no proposer would retry', ({ behavior, outcome }) => {
  it('recovers on its one retry, even with maxRetries 0, and streams the second answer as the message text', async () => {
    const namespace = crypto.randomUUID();
    await setBehaviors(baseURL, { [`${namespace}/aggregator`]: { text: RECOVERED, ...behavior } });
    const run = await runThroughRoute({
      layers: [{ agents: [modelOf(namespace, 'a'), modelOf(namespace, 'b')] }],
      aggregator: modelOf(namespace, 'aggregator'),
      maxRetries: 0,
    });

    expect(run.summary.status).toBe('done');
    expect(run.agents.get('L2.1')).toMatchObject({ status: 'done', attempt: 2, text: RECOVERED });
    expect(run.answer).toBe(RECOVERED);
    expect(run.chunks.filter((chunk) => chunk.type === 'text-start').at(-1)?.id).toBe('answer-2');
    await expectConnectionsEnded(namespace, ['completed', 'completed', outcome, 'completed']);
  });
});
