import { beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { POST } from '@/app/api/judge/route';
import { JUDGE_LIMITS, judgeResponseSchema } from '@/lib/protocol/judge';
import { getDatabase } from '@/lib/store/database';
import { textHash } from '@/lib/comparison/receipt';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { listJudgments, recordJudgment } from '@/lib/store/judgments';
import { getRequests, resetNamespace, setBehaviors } from '../../support/openai-control';
import { useTemporaryDatabase } from './share-api';
import { comparisonClaims, signedReceipt } from './votes-api';

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
  const { rows } = await (await getDatabase()).execute('SELECT count(*) AS count FROM comparison_judgments');
  return Number(rows[0]?.count);
}

const pair = {
  question: 'Why is the sky blue? SECRET-QUESTION-TEXT',
  moaAnswer: 'Sunlight scatters off air molecules, and blue light scatters the most. SECRET-MOA-TEXT',
  baselineAnswer: 'Because it reflects the ocean. SECRET-BASELINE-TEXT',
};

/** A receipt covering `pair`, as the server would sign it for a comparison that produced these texts. */
async function receiptForPair(overrides: Partial<ReceiptClaims> = {}) {
  const base = comparisonClaims();
  const claims = comparisonClaims({
    questionLength: pair.question.length,
    questionHash: await textHash(pair.question),
    moa: { ...base.moa, answerHash: await textHash(pair.moaAnswer) },
    baseline: { ...base.baseline, answerHash: await textHash(pair.baselineAnswer) },
    ...overrides,
  });
  return { claims, receipt: await signedReceipt(claims) };
}

describe('POST /api/judge with the simulated judge', () => {
  it('answers 200 with a verdict from both orders, and stores nothing for texts no receipt covers', async () => {
    const before = await judgmentCount();
    const response = await postJudge(pair);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = judgeResponseSchema.parse(await response.json());
    expect(body).toMatchObject({ judgeModel: 'simulator:judge', simulated: true, counted: false });
    expect(['moa', 'baseline', 'tie', 'inconsistent']).toContain(body.verdict);
    expect(body.orders.map((order) => order.moaPosition)).toEqual(['A', 'B']);
    for (const order of body.orders) expect(order.reason).toMatch(/simulated judgment by Judge \(simulated\)/);
    expect(await judgmentCount()).toBe(before);
  });

  it('stores the verdict on a receipt-backed comparison with what the receipt says was compared', async () => {
    const { claims, receipt } = await receiptForPair({ preset: 'moa', mode: 'open' });
    const body = judgeResponseSchema.parse(await (await postJudge({ ...pair, receipt })).json());
    expect(body.counted).toBe(true);
    expect((await listJudgments()).find((judgment) => judgment.comparisonId === claims.comparisonId)).toEqual({
      comparisonId: claims.comparisonId,
      createdAt: expect.any(Number),
      preset: 'moa',
      moaModels: claims.moaModels,
      baselineModel: claims.baselineModel,
      judgeModel: 'simulator:judge',
      verdict: body.verdict,
      questionLength: pair.question.length,
      // The judge was the simulator.
      simulated: true,
    });
  });

  it('keeps the first verdict on a comparison: judging it again is answered but not stored', async () => {
    const { claims, receipt } = await receiptForPair();
    expect((await (await postJudge({ ...pair, receipt })).json()).counted).toBe(true);
    const again = await postJudge({ ...pair, receipt, judgeModel: 'simulator:gpt-4o' });
    expect(again.status).toBe(200);
    expect((await again.json()).counted).toBe(false);
    const stored = (await listJudgments()).filter((judgment) => judgment.comparisonId === claims.comparisonId);
    expect(stored.map((judgment) => judgment.judgeModel)).toEqual(['simulator:judge']);
  });

  it('answers 400 invalid_receipt, judging nothing, when the texts are not the ones the receipt covers', async () => {
    const { receipt } = await receiptForPair();
    const before = await judgmentCount();
    for (const altered of [
      { ...pair, moaAnswer: `${pair.moaAnswer} And more.` },
      { ...pair, baselineAnswer: 'Something else entirely.' },
      { ...pair, question: 'Another question?' },
      // The two answers swapped: the judge would credit each with the other's text.
      { ...pair, moaAnswer: pair.baselineAnswer, baselineAnswer: pair.moaAnswer },
    ]) {
      const result = await errorOf(await postJudge({ ...altered, receipt }));
      expect(result).toMatchObject({ status: 400, body: { code: 'invalid_receipt', field: 'receipt' } });
    }
    expect(await judgmentCount()).toBe(before);
  });

  it('gives the same verdict for the same pair', async () => {
    const first = await (await postJudge(pair)).json();
    const second = await (await postJudge(pair)).json();
    expect(second.verdict).toBe(first.verdict);
    expect(second.orders).toEqual(first.orders);
  });

  it('stores none of the texts, only the question’s length', async () => {
    const { claims, receipt } = await receiptForPair();
    expect((await postJudge({ ...pair, receipt })).status).toBe(200);
    const { rows } = await (await getDatabase()).execute({
      sql: 'SELECT * FROM comparison_judgments WHERE comparison_id = ?',
      args: [claims.comparisonId],
    });
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain('SECRET');
    expect(rows[0]?.question_length).toBe(pair.question.length);
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
      expect(body.counted).toBe(false);
    } finally {
      vi.stubEnv('TOGETHER_API_KEY', '');
      await resetNamespace(baseURL, 'Qwen');
    }
  });
});

describe('the judgments store', () => {
  const judgment = {
    verdict: 'moa' as const,
    reason: 'The judge preferred the MoA answer in both orders.',
    orders: [],
    judgeModel: 'openai:gpt-4o',
    simulated: false,
  };

  it('marks a verdict simulated when the judge or the receipt’s comparison is simulated', async () => {
    const real = comparisonClaims();
    const simulatedSides = comparisonClaims({ simulated: true });
    const simulatedJudge = comparisonClaims();
    await recordJudgment({ claims: real, judgment });
    await recordJudgment({ claims: simulatedSides, judgment });
    await recordJudgment({ claims: simulatedJudge, judgment: { ...judgment, judgeModel: 'simulator:judge', simulated: true } });
    const byComparison = new Map((await listJudgments()).map((stored) => [stored.comparisonId, stored.simulated]));
    expect([real, simulatedSides, simulatedJudge].map((claims) => byComparison.get(claims.comparisonId))).toEqual([false, true, true]);
  });

  it('lists verdicts oldest first', async () => {
    const claims = [comparisonClaims(), comparisonClaims(), comparisonClaims()];
    for (const [index, verdict] of (['tie', 'baseline', 'inconsistent'] as const).entries()) {
      await recordJudgment({ claims: claims[index]!, judgment: { ...judgment, verdict } });
    }
    const all = (await listJudgments()).map((stored) => stored.comparisonId);
    const positions = claims.map((claim) => all.indexOf(claim.comparisonId));
    expect(positions[0]).toBeLessThan(positions[1]!);
    expect(positions[1]).toBeLessThan(positions[2]!);
    expect(all.at(-1)).toBe(claims[2]!.comparisonId);
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

  it('answers 400 naming a receipt that is not one', async () => {
    expect(await errorOf(await postJudge({ ...pair, receipt: 'not a receipt' }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'receipt' },
    });
  });

  it('answers 400 naming fields the receipt now carries, such as the models', async () => {
    expect(await errorOf(await postJudge({ ...pair, moaModels: ['simulator:dbrx'] }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', field: 'moaModels' },
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
