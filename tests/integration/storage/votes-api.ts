import { POST } from '@/app/api/votes/route';
import type { VoteRequestInput } from '@/lib/protocol/vote';
import { getDatabase } from '@/lib/store/database';

/** A valid vote on a new comparison, from a new browser, with `overrides` applied. */
export function validVote(overrides: Partial<VoteRequestInput> = {}): VoteRequestInput {
  return {
    comparisonId: crypto.randomUUID(),
    browserId: `browser-${crypto.randomUUID()}`,
    vote: 'moa',
    preset: 'moa-lite',
    moaModels: ['together:Qwen/Qwen2.5-72B-Instruct-Turbo', 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    baselineModel: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
    questionLength: 20,
    moa: { timeMs: 8400, cost: 0.0061 },
    baseline: { timeMs: 3000, cost: 0.0012 },
    ...overrides,
  };
}

/** `POST /api/votes` with a JSON body (a string is sent as is). */
export function postVote(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request('http://localhost/api/votes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** Every row of the votes table, as stored. */
export async function voteRows(): Promise<Record<string, unknown>[]> {
  const database = await getDatabase();
  const { rows } = await database.execute('SELECT * FROM votes ORDER BY id');
  return rows.map((row) => ({ ...row }));
}
