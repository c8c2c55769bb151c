import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as postMoa } from '@/app/api/moa/route';
import { POST as postJudgeRoute } from '@/app/api/judge/route';
import { receiptKey, signReceipt } from '@/lib/comparison/receipt';
import { readReceiptClaims, RECEIPT_TTL_MS, toBase64url, type ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { comparisonStats } from '@/lib/stats/comparison-stats';
import { getDatabase } from '@/lib/store/database';
import { listVotes } from '@/lib/store/votes';
import { answerText, finalAgentParts, readChunks } from '../../support/sse';
import { useTemporaryDatabase } from './share-api';
import { postVote, voteRows } from './votes-api';

useTemporaryDatabase();
beforeAll(() => {
  vi.stubEnv('TOGETHER_API_KEY', '');
  vi.stubEnv('OPENAI_API_KEY', '');
});
afterEach(() => vi.useRealTimers());

const question = 'Which is better, tea or coffee?';

/** Runs a real comparison through `POST /api/moa` and returns its id, receipt and the two answers it streamed. */
async function runComparison(mode: 'blind' | 'open' = 'blind') {
  const response = await postMoa(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: question }], preset: 'simulated', compare: { mode } }),
    }),
  );
  expect(response.status).toBe(200);
  const { chunks } = await readChunks(response);
  const run = chunks.find((chunk) => chunk.type === 'data-run')?.data;
  const receipt = chunks.find((chunk) => chunk.type === 'data-receipt')?.data?.token as string;
  expect(receipt).toEqual(expect.any(String));
  return {
    comparisonId: run.runId as string,
    receipt,
    moaAnswer: answerText(chunks),
    baselineAnswer: finalAgentParts(chunks).get('baseline').text as string,
  };
}

/** The claims part of a token re-encoded with `change` applied, its signature kept. */
function altered(token: string, change: (claims: ReceiptClaims) => ReceiptClaims): string {
  const claims = readReceiptClaims(token)!;
  const body = toBase64url(new TextEncoder().encode(JSON.stringify(change(claims))));
  return `${body}.${token.split('.')[1]}`;
}

async function expectRefused(response: Response) {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ code: 'invalid_receipt', field: 'receipt' });
}

async function rowCounts() {
  const database = await getDatabase();
  const count = async (table: string) => Number((await database.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  return { votes: await count('comparison_votes'), judgments: await count('comparison_judgments') };
}

describe('a vote on a comparison the server ran', () => {
  it('is recorded with the figures the receipt holds, whatever the client could have claimed', async () => {
    const comparison = await runComparison();
    const response = await postVote({ comparisonId: comparison.comparisonId, receipt: comparison.receipt, vote: 'baseline' });
    expect(response.status).toBe(201);
    const claims = readReceiptClaims(comparison.receipt)!;
    expect((await listVotes()).find((vote) => vote.comparisonId === comparison.comparisonId)).toMatchObject({
      mode: 'blind',
      vote: 'baseline',
      preset: 'simulated',
      moaModels: claims.moaModels,
      baselineModel: claims.baselineModel,
      questionLength: question.length,
      moa: { timeMs: claims.moa.timeMs, cost: claims.moa.cost },
      baseline: { timeMs: claims.baseline.timeMs, cost: claims.baseline.cost },
      simulated: true,
    });
  });

  it('is stored as open when the comparison was open', async () => {
    const comparison = await runComparison('open');
    expect((await postVote({ comparisonId: comparison.comparisonId, receipt: comparison.receipt, vote: 'moa' })).status).toBe(201);
    expect((await listVotes()).find((vote) => vote.comparisonId === comparison.comparisonId)?.mode).toBe('open');
  });
});

describe('POST /api/votes refuses receipts it cannot trust, writing nothing', () => {
  it.each([
    ['a forged signature', (token: string) => `${token.split('.')[0]}.${toBase64url(crypto.getRandomValues(new Uint8Array(32)))}`],
    ['a moved blind order', (token: string) => altered(token, (claims) => ({ ...claims, moaLabel: claims.moaLabel === 'A' ? 'B' : 'A' }))],
    ['a cheaper MoA', (token: string) => altered(token, (claims) => ({ ...claims, moa: { ...claims.moa, cost: 0, timeMs: 1 } }))],
    ['other models', (token: string) => altered(token, (claims) => ({ ...claims, simulated: false, baselineModel: 'together:x/y' }))],
    ['a blind mode claimed for an open comparison', (token: string) => altered(token, (claims) => ({ ...claims, mode: 'blind' }))],
  ])('answers 400 invalid_receipt to %s', async (_case, tamper) => {
    const comparison = await runComparison('open');
    const before = await rowCounts();
    await expectRefused(await postVote({ comparisonId: comparison.comparisonId, receipt: tamper(comparison.receipt), vote: 'moa' }));
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 400 invalid_receipt to a receipt signed with another secret', async () => {
    const comparison = await runComparison();
    const claims = readReceiptClaims(comparison.receipt)!;
    const forged = await signReceipt(claims, await receiptKey('a secret this server never had, 0123456789'));
    const before = await rowCounts();
    await expectRefused(await postVote({ comparisonId: comparison.comparisonId, receipt: forged, vote: 'moa' }));
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 400 invalid_receipt to another comparison’s receipt', async () => {
    const [first, second] = [await runComparison(), await runComparison()];
    const before = await rowCounts();
    await expectRefused(await postVote({ comparisonId: second.comparisonId, receipt: first.receipt, vote: 'moa' }));
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 400 invalid_receipt to a receipt that has expired', async () => {
    const comparison = await runComparison();
    const issuedAt = readReceiptClaims(comparison.receipt)!.issuedAt;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(issuedAt + RECEIPT_TTL_MS + 1);
    const before = await rowCounts();
    await expectRefused(await postVote({ comparisonId: comparison.comparisonId, receipt: comparison.receipt, vote: 'moa' }));
    expect(await rowCounts()).toEqual(before);
    // A moment earlier it was still good.
    vi.setSystemTime(issuedAt + RECEIPT_TTL_MS);
    expect((await postVote({ comparisonId: comparison.comparisonId, receipt: comparison.receipt, vote: 'moa' })).status).toBe(201);
  });

  it('answers 409 already_voted to a replayed receipt, keeping the first vote', async () => {
    const comparison = await runComparison();
    const vote = { comparisonId: comparison.comparisonId, receipt: comparison.receipt };
    expect((await postVote({ ...vote, vote: 'moa' })).status).toBe(201);
    const replayed = await postVote({ ...vote, vote: 'baseline' });
    expect(replayed.status).toBe(409);
    expect(await replayed.json()).toMatchObject({ code: 'already_voted' });
    expect((await voteRows()).filter((row) => row.comparison_id === comparison.comparisonId).map((row) => row.vote)).toEqual(['moa']);
  });
});

describe('the stuffing attack: 60 votes with fresh ids and made-up figures', () => {
  it('stores at most the votes real comparisons were run for', async () => {
    const before = (await voteRows()).length;
    const madeUp = (index: number) => ({
      comparisonId: crypto.randomUUID(),
      browserId: `stuffer-${crypto.randomUUID()}`,
      vote: 'moa',
      preset: 'moa-lite',
      moaModels: ['together:Qwen/Qwen2.5-72B-Instruct-Turbo'],
      baselineModel: 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
      questionLength: 12 + index,
      moa: { timeMs: 9000, cost: 0.006 },
      baseline: { timeMs: 3000, cost: 0.001 },
    });
    // The vote body of old: the figures in the client's own fields.
    const oldShape = await Promise.all(Array.from({ length: 30 }, (_, index) => postVote(madeUp(index))));
    // The new body with a receipt the client made itself, shaped like a real one, signed with a secret of its own.
    const template = readReceiptClaims((await runComparison()).receipt)!;
    const stufferKey = await receiptKey('the stuffer’s own secret, 0123456789');
    const selfMade = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const { comparisonId, moa, baseline } = madeUp(index);
        const claims: ReceiptClaims = {
          ...template,
          comparisonId,
          simulated: false,
          moa: { ...template.moa, ...moa },
          baseline: { ...template.baseline, ...baseline },
        };
        return postVote({ comparisonId, receipt: await signReceipt(claims, stufferKey), vote: 'moa' });
      }),
    );
    expect(oldShape.map((response) => response.status)).toEqual(Array(30).fill(400));
    expect(selfMade.map((response) => response.status)).toEqual(Array(30).fill(400));
    expect((await voteRows()).length).toBe(before);

    // Two real comparisons, each voted on 30 times under fresh "browsers": two votes stand.
    const real = [await runComparison(), await runComparison()];
    const attempts = await Promise.all(
      Array.from({ length: 60 }, (_, index) => {
        const comparison = real[index % 2]!;
        return postVote({ comparisonId: comparison.comparisonId, receipt: comparison.receipt, vote: 'moa' });
      }),
    );
    expect(attempts.filter((response) => response.status === 201)).toHaveLength(2);
    expect(attempts.filter((response) => response.status === 409)).toHaveLength(58);
    expect((await voteRows()).length).toBe(before + 2);
    const stats = comparisonStats(await listVotes(), []);
    expect(stats.overall.votes.counts.total + stats.simulated.votes + stats.openVotes).toBe((await listVotes()).length);
  });
});

describe('a judge verdict on a comparison the server ran', () => {
  function postJudge(body: unknown) {
    return postJudgeRoute(
      new Request('http://localhost/api/judge', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  }

  it('is stored once, for the receipt’s own question and answers, judged here in both orders', async () => {
    const comparison = await runComparison();
    const body = { question, moaAnswer: comparison.moaAnswer, baselineAnswer: comparison.baselineAnswer, receipt: comparison.receipt };
    const before = await rowCounts();
    const first = await postJudge(body);
    expect(first.status).toBe(200);
    const judged = await first.json();
    expect(judged).toMatchObject({ counted: true });
    expect(judged.orders.map((order: { moaPosition: string }) => order.moaPosition)).toEqual(['A', 'B']);
    expect((await postJudge(body)).status).toBe(200);
    expect(await rowCounts()).toEqual({ ...before, judgments: before.judgments + 1 });
  });

  it('is refused with 400 invalid_receipt for another comparison’s texts, and not stored', async () => {
    const [first, second] = [await runComparison(), await runComparison()];
    const before = await rowCounts();
    const response = await postJudge({
      question,
      moaAnswer: second.moaAnswer,
      baselineAnswer: second.baselineAnswer,
      receipt: first.receipt,
    });
    await expectRefused(response);
    expect(await rowCounts()).toEqual(before);
  });
});
