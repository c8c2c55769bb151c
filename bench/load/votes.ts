import { isDeepStrictEqual } from 'node:util';
import { createClient } from '@libsql/client';
import { voteChoiceSchema, voteResponseSchema, type VoteChoice, type VoteRequestInput } from '@/lib/protocol/vote';
import { validVote } from '@/tests/integration/storage/votes-api';
import { postAll, type ReadBack, type WriteOutcome } from './writes';

type Traffic = { baseUrl: string; concurrency: number; clientIp: (slot: number) => string; timeoutMs: number };

/** `count` valid votes, each on its own comparison from its own browser, with varied choices and figures. */
export function voteBodies(count: number, moaModels: string[], baselineModel: string): VoteRequestInput[] {
  const choices = voteChoiceSchema.options;
  return Array.from({ length: count }, (_, index) =>
    validVote({
      vote: choices[index % choices.length] as VoteChoice,
      preset: undefined,
      moaModels,
      baselineModel,
      questionLength: index % 500,
      moa: { timeMs: 12_000 + index, cost: 0 },
      baseline: { timeMs: 4_000 + (index % 97), cost: 0 },
    }),
  );
}

/** `POST /api/votes` for every vote. */
export function castVotes(votes: readonly VoteRequestInput[], traffic: Traffic): Promise<WriteOutcome[]> {
  return postAll({ ...traffic, path: '/api/votes', bodies: votes, isAnswer: (answer) => voteResponseSchema.safeParse(answer).success });
}

/**
 * Opens the libSQL database file itself (not through the app) and checks that every acknowledged vote is a row of
 * the `votes` table holding what was sent. Also returns how many rows the table has.
 */
export async function readBackVotes(databaseFile: string, votes: readonly VoteRequestInput[]): Promise<ReadBack & { rows: number }> {
  const database = createClient({ url: `file:${databaseFile}` });
  try {
    const { rows } = await database.execute(
      `SELECT comparison_id, browser_id, vote, preset, moa_models, baseline_model, question_length, moa_time_ms, moa_cost,
         baseline_time_ms, baseline_cost FROM votes`,
    );
    const stored = new Map(rows.map((row) => [`${row.comparison_id}/${row.browser_id}`, row]));
    const readBack: ReadBack = { checked: votes.length, matched: 0, lost: 0, changed: 0, unreadable: 0, problems: [] };
    for (const vote of votes) {
      const key = `${vote.comparisonId.toLowerCase()}/${vote.browserId}`;
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

/** The row a vote should become (columns of `lib/store/database.ts`, migration 3). */
function expectedRow(vote: VoteRequestInput): Record<string, unknown> {
  return {
    comparison_id: vote.comparisonId.toLowerCase(),
    browser_id: vote.browserId,
    vote: vote.vote,
    preset: vote.preset ?? null,
    moa_models: JSON.stringify(vote.moaModels),
    baseline_model: vote.baselineModel,
    question_length: vote.questionLength,
    moa_time_ms: vote.moa.timeMs,
    moa_cost: vote.moa.cost,
    baseline_time_ms: vote.baseline.timeMs,
    baseline_cost: vote.baseline.cost,
  };
}
