import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { serverModelsOf } from '../support/test-models';
import { POST } from '@/app/api/moa/route';
import { receiptKey, textHash, verifyReceipt } from '@/lib/comparison/receipt';
import { readReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { runDataPartSchemas } from '@/lib/protocol/run-parts';
import { setBehaviors, waitForIdle, waitForRequests } from '../support/openai-control';
import { answerText, finalAgentParts, readChunks, type Chunk } from '../support/sse';

const baseURL = inject('openaiBaseUrl');

function post(body: unknown, init: { signal?: AbortSignal } = {}) {
  return POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: init.signal,
    }),
  );
}

const ask = [{ role: 'user', content: 'Why is the sky blue?' }];

function types(chunks: Chunk[]): string[] {
  return chunks.map((chunk) => chunk.type);
}

function lastDataPart(chunks: Chunk[], type: string): any {
  return chunks.filter((chunk) => chunk.type === type).at(-1)?.data;
}

function expectValidDataParts(chunks: Chunk[]) {
  for (const chunk of chunks.filter((candidate) => candidate.type.startsWith('data-'))) {
    const schema = runDataPartSchemas[chunk.type.slice(5) as keyof typeof runDataPartSchemas];
    expect(schema.safeParse(chunk.data).success, `${chunk.type} ${JSON.stringify(chunk.data)}`).toBe(true);
  }
}

beforeEach(() => {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', '');
  vi.stubEnv('OPENAI_API_KEY', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('POST /api/moa with compare, on the simulator', () => {
  it('streams a baseline agent to done with its text, alongside every MoA agent', async () => {
    const response = await post({ messages: ask, preset: 'simulated', compare: {} });
    expect(response.status).toBe(200);
    const { chunks } = await readChunks(response);

    const run = chunks.find((chunk) => chunk.type === 'data-run')!;
    expect(run.data.baseline).toMatchObject({ id: 'baseline', role: 'baseline', layer: 1, simulated: true });
    expect(run.data.layers.map((layer: any) => layer.agents.length)).toEqual([6, 6, 1]);
    const agents = finalAgentParts(chunks);
    expect(agents.size).toBe(14);
    expect([...agents.values()].every((agent) => agent.status === 'done')).toBe(true);
    const baseline = agents.get('baseline');
    expect(baseline).toMatchObject({ role: 'baseline', status: 'done', text: expect.stringMatching(/simulat/i) });
    expect(baseline.usage.outputTokens).toBeGreaterThan(0);
    expect(baseline.timings.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(baseline.timings.durationMs).toBeGreaterThan(0);
    expect(baseline.cost).toBeGreaterThan(0);

    const statuses = chunks.filter((chunk) => chunk.type === 'data-agent' && chunk.id === 'baseline').map((chunk) => chunk.data.status);
    expect(statuses).toEqual(['queued', 'running', 'done']);
    const deltas = chunks.filter((chunk) => chunk.type === 'data-agent-delta' && chunk.id === 'baseline');
    expect(deltas.every((chunk) => chunk.transient)).toBe(true);
    expect(deltas.map((chunk) => chunk.data.delta).join('')).toBe(baseline.text);

    // The answer is still the aggregator's, and the summary the MoA's alone.
    expect(answerText(chunks)).toBe(agents.get('L3.1').text);
    expect(lastDataPart(chunks, 'data-summary')).toMatchObject({ status: 'done', agents: { total: 13, done: 13 } });
    expect(types(chunks).at(-1)).toBe('finish');
    expect(types(chunks)).not.toContain('data-judge');
    expectValidDataParts(chunks);
  });

  it('uses the aggregator’s model for the baseline by default', async () => {
    const { chunks } = await readChunks(await post({ messages: ask, preset: 'simulated', compare: {} }));
    const run = lastDataPart(chunks, 'data-run');
    const aggregator = run.layers.at(-1).agents[0];
    expect(run.baseline.model).toBe(aggregator.model);
    expect(run.baseline.model).toBe('simulator:qwen-110b');
    expect(finalAgentParts(chunks).get('baseline').model).toBe('simulator:qwen-110b');
  });

  it('runs the catalog model the request names as the baseline', async () => {
    const { chunks } = await readChunks(
      await post({ messages: ask, preset: 'simulated', compare: { model: 'simulator:gpt-4o' } }),
    );
    expect(lastDataPart(chunks, 'data-run').baseline).toMatchObject({ model: 'simulator:gpt-4o', displayName: 'GPT-4o' });
    expect(finalAgentParts(chunks).get('baseline')).toMatchObject({ model: 'simulator:gpt-4o', status: 'done' });
  });

  it('sends no baseline without compare', async () => {
    const { chunks } = await readChunks(await post({ messages: ask, preset: 'simulated' }));
    expect(lastDataPart(chunks, 'data-run')).not.toHaveProperty('baseline');
    expect(finalAgentParts(chunks).has('baseline')).toBe(false);
  });

  it('finishes the MoA when the baseline fails', async () => {
    const { chunks } = await readChunks(
      await post({
        messages: ask,
        config: {
          layers: [{ agents: [{ model: 'simulator:qwen-72b' }, { model: 'simulator:dbrx' }] }],
          aggregator: { model: 'simulator:qwen-110b' },
          maxRetries: 0,
        },
        compare: { model: 'simulator:fails-early' },
      }),
    );
    const agents = finalAgentParts(chunks);
    expect(agents.get('baseline')).toMatchObject({ status: 'failed', error: { code: 'provider_error', statusCode: 503 } });
    expect(agents.get('L2.1')).toMatchObject({ status: 'done' });
    expect(lastDataPart(chunks, 'data-summary')).toMatchObject({ status: 'done' });
    expect(answerText(chunks)).toBe(agents.get('L2.1').text);
    expect(types(chunks)).not.toContain('error');
    expect(types(chunks).at(-1)).toBe('finish');
  });

  it('finishes the baseline when every proposer of the MoA fails', async () => {
    const { chunks } = await readChunks(
      await post({
        messages: ask,
        config: {
          layers: [{ agents: [{ model: 'simulator:fails-early' }, { model: 'simulator:fails-early' }] }],
          aggregator: { model: 'simulator:qwen-110b' },
          maxRetries: 0,
        },
        compare: { model: 'simulator:qwen-72b' },
      }),
    );
    const agents = finalAgentParts(chunks);
    expect(agents.get('L1.1')?.status).toBe('failed');
    expect(agents.get('baseline')).toMatchObject({ status: 'done', text: expect.stringMatching(/simulat/i) });
    expect(lastDataPart(chunks, 'data-summary')).toMatchObject({ status: 'error', error: { code: 'no_responses' } });
    // The client stops reading at an error chunk, so it comes after the baseline's last part, just before finish.
    const baselineDoneAt = chunks.findIndex((chunk) => chunk.type === 'data-agent' && chunk.id === 'baseline' && chunk.data.status === 'done');
    expect(baselineDoneAt).toBeLessThan(types(chunks).indexOf('error'));
    expect(types(chunks).slice(-2)).toEqual(['error', 'finish']);
  });

  it('judges the two answers with the simulated judge and streams the verdict before finish', async () => {
    const { chunks } = await readChunks(await post({ messages: ask, preset: 'simulated', compare: { judge: true } }));
    const judgeParts = chunks.filter((chunk) => chunk.type === 'data-judge');
    expect(judgeParts.map((chunk) => chunk.data.status)).toEqual(['running', 'done']);
    const judged = judgeParts.at(-1)!.data;
    expect(judged).toMatchObject({ judgeModel: 'simulator:judge', simulated: true });
    expect(['moa', 'baseline', 'tie', 'inconsistent']).toContain(judged.verdict);
    expect(judged.orders.map((order: any) => order.moaPosition)).toEqual(['A', 'B']);
    for (const order of judged.orders) expect(order.reason).toMatch(/simulated judgment/);
    expect(types(chunks).slice(-2)).toEqual(['data-judge', 'finish']);
    expect(types(chunks).indexOf('data-summary')).toBeLessThan(chunks.indexOf(judgeParts[0]!));
    expectValidDataParts(chunks);
  });

  it('reports a failing judge in its part and still finishes the run without an error', async () => {
    const { chunks } = await readChunks(
      await post({
        messages: ask,
        preset: 'simulated',
        compare: { judge: true, judgeModel: 'simulator:fails-mid-stream' },
      }),
    );
    expect(lastDataPart(chunks, 'data-judge')).toMatchObject({
      status: 'failed',
      judgeModel: 'simulator:fails-mid-stream',
      error: { code: 'provider_error', statusCode: 502 },
    });
    expect(lastDataPart(chunks, 'data-summary').status).toBe('done');
    expect(types(chunks)).not.toContain('error');
    expect(types(chunks).at(-1)).toBe('finish');
  });

  it('skips the judge, saying why, when the baseline failed', async () => {
    const { chunks } = await readChunks(
      await post({
        messages: ask,
        config: { layers: [{ agents: [{ model: 'simulator:qwen-72b' }] }], aggregator: { model: 'simulator:qwen-110b' }, maxRetries: 0 },
        compare: { model: 'simulator:fails-early', judge: true },
      }),
    );
    expect(chunks.filter((chunk) => chunk.type === 'data-judge').map((chunk) => chunk.data)).toEqual([
      expect.objectContaining({ status: 'skipped', reason: expect.stringContaining('single model') }),
    ]);
  });
});

describe('the receipt of a comparison', () => {
  const key = () => receiptKey(process.env.COMPARISON_SECRET ?? '');

  it('is signed once both sides answered, before the judge, and holds what the stream reported', async () => {
    const { chunks } = await readChunks(
      await post({ messages: ask, preset: 'simulated', compare: { judge: true, judgeModel: 'simulator:judge' } }),
    );
    const receipts = chunks.filter((chunk) => chunk.type === 'data-receipt');
    expect(receipts).toHaveLength(1);
    expect(types(chunks).indexOf('data-receipt')).toBeGreaterThan(types(chunks).lastIndexOf('data-agent'));
    expect(types(chunks).indexOf('data-receipt')).toBeLessThan(types(chunks).indexOf('data-judge'));

    const run = lastDataPart(chunks, 'data-run');
    expect(run.comparisonMode).toBe('blind');
    const claims = await verifyReceipt(receipts[0]!.data.token, { key: await key(), now: Date.now(), comparisonId: run.runId });
    const summary = lastDataPart(chunks, 'data-summary');
    const baseline = finalAgentParts(chunks).get('baseline');
    expect(claims).toMatchObject({
      comparisonId: run.runId,
      mode: 'blind',
      preset: 'simulated',
      moaModels: run.layers.flatMap((layer: any) => layer.agents.map((agent: any) => agent.model)),
      baselineModel: baseline.model,
      simulated: true,
      questionLength: ask[0]!.content.length,
      questionHash: await textHash(ask[0]!.content),
      moa: {
        timeMs: summary.wallTimeMs,
        tokens: summary.usage.inputTokens + summary.usage.outputTokens,
        cost: summary.cost,
        answerHash: await textHash(answerText(chunks)),
      },
      baseline: {
        timeMs: baseline.timings.durationMs,
        tokens: baseline.usage.inputTokens + baseline.usage.outputTokens,
        cost: baseline.cost,
        answerHash: await textHash(baseline.text),
      },
    });
    expectValidDataParts(chunks);
  });

  it('says which mode the comparison ran in', async () => {
    const { chunks } = await readChunks(await post({ messages: ask, preset: 'simulated', compare: { mode: 'open' } }));
    expect(lastDataPart(chunks, 'data-run').comparisonMode).toBe('open');
    expect(readReceiptClaims(lastDataPart(chunks, 'data-receipt').token)?.mode).toBe('open');
  });

  it('draws the blind order per comparison: the MoA answer stands first in some and second in others', async () => {
    const labels = new Set<string>();
    for (let run = 0; run < 16 && labels.size < 2; run += 1) {
      const { chunks } = await readChunks(await post({ messages: ask, preset: 'simulated', compare: {}, seed: 7 }));
      labels.add(readReceiptClaims(lastDataPart(chunks, 'data-receipt').token)!.moaLabel);
    }
    // With the same seed the texts and timings repeat; only the drawn order differs.
    expect([...labels].sort()).toEqual(['A', 'B']);
  });

  it('is not sent when a side has no answer: there is nothing to vote on', async () => {
    const { chunks } = await readChunks(
      await post({
        messages: ask,
        config: { layers: [{ agents: [{ model: 'simulator:qwen-72b' }] }], aggregator: { model: 'simulator:qwen-110b' }, maxRetries: 0 },
        compare: { model: 'simulator:fails-early' },
      }),
    );
    expect(types(chunks)).not.toContain('data-receipt');
    expect(types(chunks).at(-1)).toBe('finish');
  });

  it('needs COMPARISON_SECRET: without it a comparison answers 503 comparison_unavailable before running', async () => {
    vi.stubEnv('COMPARISON_SECRET', '');
    const response = await post({ messages: ask, preset: 'simulated', compare: {} });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'comparison_unavailable', message: expect.stringContaining('COMPARISON_SECRET') });
    // A MoA alone needs no receipt.
    expect((await post({ messages: ask, preset: 'simulated' })).status).toBe(200);
  });
});

describe('POST /api/moa with a bad compare', () => {
  async function errorOf(response: Response) {
    return { status: response.status, body: await response.json() };
  }

  it('answers 400 unknown_model naming compare.model for a model the server cannot use', async () => {
    const result = await errorOf(
      await post({ messages: ask, preset: 'simulated', compare: { model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo' } }),
    );
    expect(result).toMatchObject({ status: 400, body: { code: 'unknown_model', field: 'compare.model' } });
    expect(result.body.message).toContain('TOGETHER_API_KEY');
  });

  it('answers 400 unknown_model for a simulator model that does not exist', async () => {
    expect(await errorOf(await post({ messages: ask, preset: 'simulated', compare: { model: 'simulator:nope' } }))).toMatchObject({
      status: 400,
      body: { code: 'unknown_model', field: 'compare.model' },
    });
  });

  it('answers 400 naming compare.judgeModel for a judge the server cannot use', async () => {
    const result = await errorOf(
      await post({ messages: ask, preset: 'simulated', compare: { judge: true, judgeModel: 'openai:gpt-4o' } }),
    );
    expect(result).toMatchObject({ status: 400, body: { code: 'unknown_model', field: 'compare.judgeModel' } });
  });

  it('answers 400 for a judge model without judge: true', async () => {
    const result = await errorOf(await post({ messages: ask, preset: 'simulated', compare: { judgeModel: 'simulator:judge' } }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'compare.judgeModel' } });
  });

  it('answers 400 for unknown fields inside compare', async () => {
    const result = await errorOf(await post({ messages: ask, preset: 'simulated', compare: { models: ['simulator:dbrx'] } }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'compare.models' } });
  });

  it('answers 400 for a model id that is not provider:model', async () => {
    const result = await errorOf(await post({ messages: ask, preset: 'simulated', compare: { model: 'gpt-4o' } }));
    expect(result).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'compare.model' } });
  });
});

describe('POST /api/moa with compare, over a real OpenAI-compatible server', () => {
  let namespace: string;
  beforeEach(() => {
    namespace = crypto.randomUUID();
    vi.stubEnv('SERVER_MODELS', serverModelsOf(namespace, ['a', 'b', 'solo', 'z']));
    vi.stubEnv('TOGETHER_API_KEY', 'sk-server-test-key');
    vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  });

  function comparedConfig() {
    const model = (name: string) => ({ model: `together:${namespace}/${name}`, maxOutputTokens: 64 });
    return {
      config: { layers: [{ agents: [model('a'), model('b')] }], aggregator: model('z'), maxRetries: 1 },
      compare: { model: `together:${namespace}/solo` },
    };
  }

  it('closes the MoA’s and the baseline’s upstream requests when the client disconnects', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { hang: true },
      [`${namespace}/b`]: { hang: true },
      [`${namespace}/solo`]: { hang: true },
    });
    const client = new AbortController();
    const response = await post({ messages: ask, ...comparedConfig() }, { signal: client.signal });
    await readChunks(response, (_chunk, all) => all.filter((chunk) => chunk.type === 'data-agent' && chunk.data.status === 'running').length === 3);
    const requests = await waitForRequests(baseURL, namespace, 3);
    expect(requests.map((request) => request.model).sort()).toEqual([`${namespace}/a`, `${namespace}/b`, `${namespace}/solo`]);
    client.abort();

    const stats = await waitForIdle(baseURL, namespace, { timeoutMs: 5_000, minStarted: 3 });
    expect(stats).toMatchObject({ started: 3, clientClosed: 3, open: 0 });
  });

  it('closes both sides’ upstream requests when the response body is cancelled', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { hang: true },
      [`${namespace}/b`]: { hang: true },
      [`${namespace}/solo`]: { hang: true },
    });
    const response = await post({ messages: ask, ...comparedConfig() });
    const { reader } = await readChunks(response, (_chunk, all) => all.filter((chunk) => chunk.type === 'data-agent' && chunk.data.status === 'running').length === 3);
    await waitForRequests(baseURL, namespace, 3);
    await reader.cancel();

    const stats = await waitForIdle(baseURL, namespace, { timeoutMs: 5_000, minStarted: 3 });
    expect(stats).toMatchObject({ started: 3, clientClosed: 3, open: 0 });
  });

  it('gives the baseline the conversation alone, with no references and no aggregator prompt', async () => {
    await setBehaviors(baseURL, {
      [`${namespace}/a`]: { text: 'Rayleigh.' },
      [`${namespace}/b`]: { text: 'Scattering.' },
      [`${namespace}/z`]: { text: 'Blue light scatters most.' },
      [`${namespace}/solo`]: { text: 'Because of scattering.' },
    });
    const { chunks } = await readChunks(
      await post({ messages: [{ role: 'system', content: 'Be brief.' }, ...ask], ...comparedConfig() }),
    );
    expect(finalAgentParts(chunks).get('baseline')).toMatchObject({ status: 'done', text: 'Because of scattering.' });
    expect(answerText(chunks)).toBe('Blue light scatters most.');
    const requests = await waitForRequests(baseURL, namespace, 4);
    const solo = requests.find((request) => request.model === `${namespace}/solo`)!;
    expect(solo.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Why is the sky blue?' },
    ]);
  });
});
