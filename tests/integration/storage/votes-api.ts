import { POST } from '@/app/api/votes/route';
import { receiptKey, signReceipt } from '@/lib/comparison/receipt';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import type { VoteRequest } from '@/lib/protocol/vote';
import { getDatabase } from '@/lib/store/database';

/**
 * Claims of a comparison the server could have run, with `overrides` applied. Signed with the test run's
 * `COMPARISON_SECRET` they make a valid receipt, as the operator could sign one: for tests of the storage itself.
 * The receipt cases go through a real `/api/moa` comparison (`vote-receipts.test.ts`).
 */
export function comparisonClaims(overrides: Partial<ReceiptClaims> = {}): ReceiptClaims {
  return {
    version: 1,
    comparisonId: crypto.randomUUID(),
    issuedAt: Date.now(),
    mode: 'blind',
    moaLabel: 'A',
    preset: 'moa-lite',
    moaModels: ['together:Qwen/Qwen2.5-72B-Instruct-Turbo', 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    baselineModel: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
    simulated: false,
    questionLength: 20,
    questionHash: 'question-hash',
    moa: { timeMs: 8400, tokens: 5200, cost: 0.0061, answerHash: 'moa-hash' },
    baseline: { timeMs: 3000, tokens: 700, cost: 0.0012, answerHash: 'baseline-hash' },
    ...overrides,
  };
}

/** A receipt for `claims`, signed with the test run's secret. */
export async function signedReceipt(claims: ReceiptClaims): Promise<string> {
  return signReceipt(claims, await receiptKey(process.env.COMPARISON_SECRET ?? ''));
}

/** A valid vote on a new comparison (see `comparisonClaims`), with its claims. */
export async function validVote(
  options: { vote?: VoteRequest['vote']; claims?: Partial<ReceiptClaims> } = {},
): Promise<VoteRequest & { claims: ReceiptClaims }> {
  const claims = comparisonClaims(options.claims);
  return { comparisonId: claims.comparisonId, receipt: await signedReceipt(claims), vote: options.vote ?? 'moa', claims };
}

/** `POST /api/votes` with a JSON body (a string is sent as is; a vote's own `claims` stay behind). */
export function postVote(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const { claims: _claims, ...sent } = typeof body === 'object' && body !== null ? (body as { claims?: unknown }) : { claims: undefined };
  return POST(
    new Request('http://localhost/api/votes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(typeof body === 'object' && body !== null ? sent : body),
    }),
  );
}

/** Every receipt-backed vote, as stored. */
export async function voteRows(): Promise<Record<string, unknown>[]> {
  const database = await getDatabase();
  const { rows } = await database.execute('SELECT * FROM comparison_votes ORDER BY rowid');
  return rows.map((row) => ({ ...row }));
}
