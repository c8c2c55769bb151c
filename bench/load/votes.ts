import { isDeepStrictEqual } from 'node:util';
import { createClient } from '@libsql/client';
import { receiptKey, signReceipt } from '@/lib/comparison/receipt';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { voteChoiceSchema, voteResponseSchema, type VoteChoice, type VoteRequest } from '@/lib/protocol/vote';
import { postAll, type ReadBack, type WriteOutcome } from './writes';

type Traffic = { baseUrl: string; concurrency: number; clientIp: (slot: number) => string; timeoutMs: number };

/** A vote as the bench sends it, with the receipt's claims it expects the row to hold. */
export type BenchVote = { body: VoteRequest; claims: ReceiptClaims };

/**
 * `count` valid votes, each on its own comparison with varied choices and figures. The bench is the operator: it
 * signs each comparison's receipt with the secret it gave the server, so the votes measure the write path rather
 * than running 1,000 comparisons first.
 */
export async function voteBodies(count: number, moaModels: string[], baselineModel: string, secret: string): Promise<BenchVote[]> {
  const key = await receiptKey(secret);
  const choices = voteChoiceSchema.options;
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const claims: ReceiptClaims = {
        version: 1,
        comparisonId: crypto.randomUUID(),
        issuedAt: Date.now(),
        mode: 'blind',
        moaLabel: index % 2 === 0 ? 'A' : 'B',
        moaModels,
        baselineModel,
        simulated: false,
        questionLength: index % 500,
        questionHash: 'load-bench',
        moa: { timeMs: 12_000 + index, tokens: 4_000, cost: 0, answerHash: 'load-bench' },
        baseline: { timeMs: 4_000 + (index % 97), tokens: 600, cost: 0, answerHash: 'load-bench' },
      };
      const body: VoteRequest = {
        comparisonId: claims.comparisonId,
        receipt: await signReceipt(claims, key),
        vote: choices[index % choices.length] as VoteChoice,
      };
      return { body, claims };
    }),
  );
}

/** `POST /api/votes` for every vote. */
export function castVotes(votes: readonly BenchVote[], traffic: Traffic): Promise<WriteOutcome[]> {
  return postAll({
    ...traffic,
    path: '/api/votes',
    bodies: votes.map((vote) => vote.body),
    isAnswer: (answer) => voteResponseSchema.safeParse(answer).success,
  });
}

/**
 * Opens the libSQL database file itself (not through the app) and checks that every acknowledged vote is a row of
 * the `comparison_votes` table holding the choice sent and the receipt's figures. Also returns how many rows the
 * table has.
 */
export async function readBackVotes(databaseFile: string, votes: readonly BenchVote[]): Promise<ReadBack & { rows: number }> {
  const database = createClient({ url: `file:${databaseFile}` });
  try {
    const { rows } = await database.execute(
      `SELECT comparison_id, mode, vote, preset, moa_models, baseline_model, question_length, moa_time_ms, moa_cost,
         baseline_time_ms, baseline_cost FROM comparison_votes`,
    );
    const stored = new Map(rows.map((row) => [String(row.comparison_id), row]));
    const readBack: ReadBack = { checked: votes.length, matched: 0, lost: 0, changed: 0, unreadable: 0, problems: [] };
    for (const vote of votes) {
      const key = vote.body.comparisonId;
      const row = stored.get(key);
      if (!row) {
        readBack.lost += 1;
        readBack.problems.push(`vote ${key}: no row`);
      } else if (matchesRow(row, expectedRow(vote))) {
        readBack.matched += 1;
      } else {
        readBack.changed += 1;
        readBack.problems.push(`vote ${key}: the row differs from the vote sent`);
      }
    }
    return { ...readBack, rows: rows.length };
  } finally {
    database.close();
  }
}

function matchesRow(row: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([column, value]) => isDeepStrictEqual(row[column], value));
}

/** The row a vote should become (columns of `lib/store/database.ts`, migration 4). */
function expectedRow({ body, claims }: BenchVote): Record<string, unknown> {
  return {
    comparison_id: body.comparisonId,
    mode: claims.mode,
    vote: body.vote,
    preset: null,
    moa_models: JSON.stringify(claims.moaModels),
    baseline_model: claims.baselineModel,
    question_length: claims.questionLength,
    moa_time_ms: claims.moa.timeMs,
    moa_cost: claims.moa.cost,
    baseline_time_ms: claims.baseline.timeMs,
    baseline_cost: claims.baseline.cost,
  };
}
