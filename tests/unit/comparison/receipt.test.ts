import { describe, expect, it } from 'vitest';
import { issueReceipt, type IssueReceiptOptions } from '@/lib/comparison/issue-receipt';
import { receiptKey, signReceipt, textHash, verifyReceipt } from '@/lib/comparison/receipt';
import type { RunOutcome } from '@/lib/moa/run-moa';
import { readReceiptClaims, RECEIPT_TTL_MS, toBase64url, type ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import type { AgentPart, SummaryPart } from '@/lib/protocol/run-parts';
import { agents, config } from '../../support/engine-fixtures';
import { handle } from '../../support/test-models';

const NOW = 1_800_000_000_000;
const summary: SummaryPart = {
  status: 'done',
  wallTimeMs: 9000,
  criticalPathMs: 8000,
  answerFirstTokenMs: 7000,
  usage: { inputTokens: 4000, outputTokens: 600 },
  cost: 0.006,
  agents: { total: 3, done: 3, failed: 0, cut: 0 },
  layers: [],
};
const moa: RunOutcome = { status: 'done', answer: 'The MoA answer.', summary };
const baseline: AgentPart = {
  id: 'baseline',
  layer: 1,
  role: 'baseline',
  model: 'together:single',
  status: 'done',
  attempt: 1,
  text: 'The single model answer.',
  usage: { inputTokens: 20, outputTokens: 300 },
  cost: 0.001,
  timings: { startMs: 0, durationMs: 3000, timeToFirstTokenMs: 400 },
};

async function options(overrides: Partial<IssueReceiptOptions> = {}): Promise<IssueReceiptOptions> {
  return {
    key: await receiptKey('unit-test-secret-0123456789abcdef'),
    comparisonId: '6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e',
    mode: 'blind',
    preset: 'moa-lite',
    config: config({ layers: [agents('together:a', 'simulator:b')], aggregator: { model: 'together:c' } }),
    getModel: (modelId) => handle(modelId, {} as never, { simulated: modelId.startsWith('simulator:') }),
    question: 'Tea or coffee?',
    moa,
    baseline,
    now: NOW,
    coin: () => true,
    ...overrides,
  };
}

describe('issuing a receipt', () => {
  it('signs what was measured of both sides, with hashes of the question and the answers', async () => {
    const token = await issueReceipt(await options());
    const claims = await verifyReceipt(token, { key: (await options()).key, now: NOW });
    expect(claims).toEqual({
      version: 1,
      comparisonId: '6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e',
      issuedAt: NOW,
      mode: 'blind',
      moaLabel: 'A',
      preset: 'moa-lite',
      moaModels: ['together:a', 'simulator:b', 'together:c'],
      baselineModel: 'together:single',
      simulated: true,
      questionLength: 'Tea or coffee?'.length,
      questionHash: await textHash('Tea or coffee?'),
      moa: { timeMs: 9000, timeToFirstTokenMs: 7000, tokens: 4600, cost: 0.006, answerHash: await textHash('The MoA answer.') },
      baseline: { timeMs: 3000, timeToFirstTokenMs: 400, tokens: 320, cost: 0.001, answerHash: await textHash('The single model answer.') },
    });
  });

  it('puts the MoA answer where the coin says', async () => {
    const token = await issueReceipt(await options({ coin: () => false }));
    expect(readReceiptClaims(token!)?.moaLabel).toBe('B');
  });

  it('issues none when either side has no answer', async () => {
    const failedMoa: RunOutcome = { status: 'error', error: { code: 'aggregator_failed', message: 'no' }, summary };
    expect(await issueReceipt(await options({ moa: failedMoa }))).toBeUndefined();
    expect(await issueReceipt(await options({ baseline: { ...baseline, status: 'failed', text: undefined } }))).toBeUndefined();
  });
});

describe('checking a receipt', () => {
  async function signed(overrides: Partial<ReceiptClaims> = {}) {
    const { key } = await options();
    const claims = readReceiptClaims((await issueReceipt(await options()))!)!;
    return { key, token: await signReceipt({ ...claims, ...overrides }, key) };
  }

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: 'invalid_receipt', status: 400, field: 'receipt' });
    return (error as Error).message;
  }

  it('accepts its own token until it is a week old', async () => {
    const { key, token } = await signed();
    await expect(verifyReceipt(token, { key, now: NOW + RECEIPT_TTL_MS })).resolves.toMatchObject({ issuedAt: NOW });
    expect(await refusal(verifyReceipt(token, { key, now: NOW + RECEIPT_TTL_MS + 1 }))).toContain('expired');
  });

  it('refuses a token signed with another secret', async () => {
    const { token } = await signed();
    const other = await receiptKey('another secret entirely, 0123456789');
    expect(await refusal(verifyReceipt(token, { key: other, now: NOW }))).toContain('not issued by this server');
  });

  it('refuses claims changed after signing', async () => {
    const { key, token } = await signed();
    const claims = readReceiptClaims(token)!;
    const body = toBase64url(new TextEncoder().encode(JSON.stringify({ ...claims, moaLabel: 'B' })));
    expect(await refusal(verifyReceipt(`${body}.${token.split('.')[1]}`, { key, now: NOW }))).toContain('not issued by this server');
  });

  it('refuses a token dated in the future, and one of another comparison', async () => {
    const { key, token } = await signed({ issuedAt: NOW + 10 * 60_000 });
    expect(await refusal(verifyReceipt(token, { key, now: NOW }))).toContain('future');
    const current = await signed();
    const other = '00000000-0000-4000-8000-000000000000';
    expect(await refusal(verifyReceipt(current.token, { key, now: NOW, comparisonId: other }))).toContain('another comparison');
  });

  it.each([undefined, 42, '', 'no-dot', 'a.b.c', '!!!.???'])('refuses %j, which is not a token', async (token) => {
    const { key } = await options();
    await refusal(verifyReceipt(token, { key, now: NOW }));
  });
});
