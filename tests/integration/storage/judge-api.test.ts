import { beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { POST } from '@/app/api/judge/route';
import { JUDGE_LIMITS, judgeResponseSchema } from '@/lib/protocol/judge';
import { getDatabase } from '@/lib/store/database';
import { listJudgments, recordJudgment } from '@/lib/store/judgments';
import { getRequests, resetNamespace, setBehaviors } from '../../support/openai-control';
import { useTemporaryDatabase } from './share-api';

useTemporaryDatabase();
beforeAll(() => {
  // No hosted judge: the default is the simulated one.
  vi.stubEnv('OPENAI_API_KEY', '');
  vi.stubEnv('TOGETHER_API_KEY', '');
});

function postJudge(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request('http://localhost/api/judge', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function errorOf(response: Response) {
  return { status: response.status, body: await response.json() };
}

async function judgmentCount(): Promise<number> {
  const { rows } = await (await getDatabase()).execute('SELECT count(*) AS count FROM judgments');
  return Number(rows[0]?.count);
}

const pair = {
  question: 'Why is the sky blue? SECRET-QUESTION-TEXT',
  moaAnswer: 'Sunlight scatters off air molecules, and blue light scatters the most. SECRET-MOA-TEXT',
  baselineAnswer: 'Because it reflects the ocean. SECRET-BASELINE-TEXT',
};

describe('POST /api/judge with the simulated judge', () => {
  it('answers 200 with a verdict from both orders and stores the judgment', async () => {
    const response = await postJudge({
      ...pair,
      preset: 'simulated',
      moaModels: ['simulator:qwen-72b', 'simulator:qwen-110b'],
      baselineModel: 'simulator:qwen-110b',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = judgeResponseSchema.parse(await response.json());
    expect(body).toMatchObject({ judgeModel: 'simulator:judge', simulated: true });
    expect(['moa', 'baseline', 'tie', 'inconsistent']).toContain(body.verdict);
    expect(body.orders.map((order) => order.moaPosition)).toEqual(['A', 'B']);
    for (const order of body.orders) expect(order.reason).toMatch(/simulated judgment by Judge \(simulated\)/);

    const stored = (await listJudgments()).find((judgment) => judgment.id === body.id);
    expect(stored).toEqual({
      id: body.id,
      createdAt: expect.any(Number),
      preset: 'simulated',
      moaModels: ['simulator:qwen-72b', 'simulator:qwen-110b'],
      baselineModel: 'simulator:qwen-110b',
      judgeModel: 'simulator:judge',
      verdict: body.verdict,
      questionLength: pair.question.length,
      simulated: true,
    });
  });

  it('gives the same verdict for the same pair', async () => {
    const first = await (await postJudge(pair)).json();
    const second = await (await postJudge(pair)).json();
    expect(second.verdict).toBe(first.verdict);
    expect(second.orders).toEqual(first.orders);
    expect(second.id).not.toBe(first.id);
  });

  it('stores none of the texts, only the question’s length', async () => {
    const { id } = await (await postJudge(pair)).json();
    const { rows } = await (await getDatabase()).execute({ sql: 'SELECT * FROM judgments WHERE id = ?', args: [id] });
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain('SECRET');
    expect(rows[0]?.question_length).toBe(pair.question.length);
  });

  it('stores a judgment without the optional labels with nulls and no models', async () => {
    const { id } = await (await postJudge(pair)).json();
    expect((await listJudgments()).find((judgment) => judgment.id === id)).toMatchObject({
      preset: null,
      moaModels: [],
      baselineModel: null,
    });
  });

  it('uses the judge model the request names', async () => {
    const response = await postJudge({ ...pair, judgeModel: 'simulator:gpt-4o' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ judgeModel: 'simulator:gpt-4o', simulated: true });
  });
});

describe('POST /api/judge with a hosted judge', () => {
  const baseURL = inject('openaiBaseUrl');
  // The catalog id of the Together judge; on the test server its namespace is "Qwen".
  const judgeServerModel = 'Qwen/Qwen2.5-72B-Instruct-Turbo';

  it('picks Qwen2.5 72B on Together when there is no OpenAI key, and reads the pair both ways', async () => {
    vi.stubEnv('TOGETHER_API_KEY', 'sk-server-test-key');
    vi.stubEnv('TOGETHER_BASE_URL', baseURL);
    try {
      await resetNamespace(baseURL, 'Qwen');
      await setBehaviors(baseURL, { [judgeServerModel]: { text: 'Output A is better written.\nVerdict: A' } });
      const response = await postJudge(pair);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({
        judgeModel: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
        simulated: false,
        // "A" both times: once for each answer, so the judge followed the position.
        verdict: 'inconsistent',
        moaScore: 0.5,
      });
      expect(body.orders.map((order: any) => order.reason)).toEqual(['Output A is better written.', 'Output A is better written.']);

      const prompts = (await getRequests(baseURL, 'Qwen')).map((request) => String(request.messages.at(-1)?.content));
      expect(prompts).toHaveLength(2);
      const moaFirst = prompts.filter((prompt) => prompt.indexOf('SECRET-MOA-TEXT') < prompt.indexOf('SECRET-BASELINE-TEXT'));
      expect(moaFirst).toHaveLength(1);
      expect((await listJudgments()).find((judgment) => judgment.id === body.id)).toMatchObject({ simulated: false });
    } finally {
      vi.stubEnv('TOGETHER_API_KEY', '');
      await resetNamespace(baseURL, 'Qwen');
    }
  });
});

describe('the judgments store', () => {
  it('marks a judgment simulated when the judge or a compared model is a simulator model', async () => {
    const real = {
      verdict: 'moa' as const,
      judgeModel: 'openai:gpt-4o',
      judgeSimulated: false,
      moaModels: ['together:Qwen/Qwen2.5-72B-Instruct-Turbo'],
      baselineModel: 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
      questionLength: 12,
    };
    const ids = [
      (await recordJudgment(real)).id,
      (await recordJudgment({ ...real, moaModels: ['simulator:dbrx'] })).id,
      (await recordJudgment({ ...real, baselineModel: 'simulator:dbrx' })).id,
      (await recordJudgment({ ...real, judgeModel: 'simulator:judge', judgeSimulated: true })).id,
    ];
    const byId = new Map((await listJudgments()).map((judgment) => [judgment.id, judgment]));
    expect(ids.map((id) => byId.get(id)?.simulated)).toEqual([false, true, true, true]);
  });

  it('lists judgments oldest first, and with a limit only the most recent ones', async () => {
    const base = { judgeModel: 'openai:gpt-4o', judgeSimulated: false, questionLength: 5 };
    const first = await recordJudgment({ ...base, verdict: 'tie' });
    const second = await recordJudgment({ ...base, verdict: 'baseline' });
    const third = await recordJudgment({ ...base, verdict: 'inconsistent' });
    const all = (await listJudgments()).map((judgment) => judgment.id);
    expect(all.indexOf(first.id)).toBeLessThan(all.indexOf(second.id));
    expect(all.indexOf(second.id)).toBeLessThan(all.indexOf(third.id));
    expect(all.at(-1)).toBe(third.id);
    expect((await listJudgments({ limit: 2 })).map((judgment) => judgment.id)).toEqual([second.id, third.id]);
  });
});

describe('POST /api/judge refuses bad input', () => {
  let before: number;
  beforeEach(async () => {
    before = await judgmentCount();
  });

  async function expectNothingStored() {
    expect(await judgmentCount()).toBe(before);
  }

  it('answers 400 invalid_json for malformed JSON', async () => {
    expect(await errorOf(await postJudge('{"question": '))).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    await expectNothingStored();
  });

  it('answers 415 for a body not sent as JSON', async () => {
    const response = await postJudge('question=1', { 'content-type': 'text/plain' });
    expect(await errorOf(response)).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
  });

  it('answers 400 naming a missing field', async () => {
    const { baselineAnswer: _left, ...rest } = pair;
    expect(await errorOf(await postJudge(rest))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'baselineAnswer' },
    });
    await expectNothingStored();
  });

  it('answers 400 for an empty answer', async () => {
    expect(await errorOf(await postJudge({ ...pair, moaAnswer: '' }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'moaAnswer' },
    });
  });

  it('answers 400 for a question over the cap', async () => {
    const question = 'q'.repeat(JUDGE_LIMITS.questionChars + 1);
    expect(await errorOf(await postJudge({ ...pair, question }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'question' },
    });
  });

  it('answers 400 for unknown fields rather than ignoring them', async () => {
    expect(await errorOf(await postJudge({ ...pair, temperature: 1 }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'temperature' },
    });
  });

  it('answers 400 naming a model id that is not provider:model', async () => {
    expect(await errorOf(await postJudge({ ...pair, moaModels: ['simulator:dbrx', 'dbrx'] }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'moaModels.1' },
    });
  });

  it('answers 400 unknown_model naming judgeModel for a judge the server cannot use', async () => {
    const result = await errorOf(await postJudge({ ...pair, judgeModel: 'openai:gpt-4o' }));
    expect(result).toMatchObject({ status: 400, body: { code: 'unknown_model', field: 'judgeModel' } });
    expect(result.body.message).toContain('OPENAI_API_KEY');
    await expectNothingStored();
  });

  it('answers 413 for a body over the byte limit', async () => {
    const body = JSON.stringify({ ...pair, moaAnswer: 'a'.repeat(JUDGE_LIMITS.bodyBytes) });
    expect(await errorOf(await postJudge(body))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    await expectNothingStored();
  });

  it('answers 502 upstream_error, without a stack, when the judge model fails, and stores nothing', async () => {
    const result = await errorOf(await postJudge({ ...pair, judgeModel: 'simulator:fails-mid-stream' }));
    expect(result).toMatchObject({ status: 502, body: { code: 'upstream_error' } });
    expect(result.body.message).toMatch(/^The judge model failed: /);
    expect(result.body.message).not.toMatch(/\n\s+at /);
    await expectNothingStored();
  });
});
