import { parseModelIds } from './model-ids-column';
import 'server-only';
import { z } from 'zod';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { comparisonModeSchema, type ComparisonMode } from '@/lib/protocol/moa-request';
import { voteChoiceSchema, type SideMeasure, type VoteChoice } from '@/lib/protocol/vote';
import { getDatabase } from './database';

/** A vote as read back: the voter's choice and, from the comparison's receipt, what was compared. */
export type StoredVote = {
  comparisonId: string;
  createdAt: number;
  mode: ComparisonMode;
  vote: VoteChoice;
  preset: string | null;
  moaModels: string[];
  baselineModel: string;
  questionLength: number;
  moa: SideMeasure;
  baseline: SideMeasure;
  /** Either side ran on the simulator: its answers are canned, so the vote says nothing about MoA. */
  simulated: boolean;
};

/**
 * Stores a vote on a comparison whose receipt was checked: the figures come from the receipt's claims. One vote per
 * comparison, whoever sends it: a second one changes nothing (`duplicate`), and concurrent ones are settled by the
 * primary key, so exactly one is `recorded`.
 */
export async function recordVote({ claims, vote }: { claims: ReceiptClaims; vote: VoteChoice }): Promise<'recorded' | 'duplicate'> {
  const database = await getDatabase();
  const result = await database.execute({
    sql: `INSERT INTO comparison_votes (comparison_id, created_at, issued_at, mode, vote, preset, moa_models,
            baseline_model, simulated, question_length, moa_time_ms, moa_cost, baseline_time_ms, baseline_cost)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (comparison_id) DO NOTHING`,
    args: [
      claims.comparisonId.toLowerCase(),
      Date.now(),
      claims.issuedAt,
      claims.mode,
      voteChoiceSchema.parse(vote),
      claims.preset ?? null,
      JSON.stringify(claims.moaModels),
      claims.baselineModel,
      claims.simulated ? 1 : 0,
      claims.questionLength,
      claims.moa.timeMs,
      claims.moa.cost,
      claims.baseline.timeMs,
      claims.baseline.cost,
    ],
  });
  return result.rowsAffected === 1 ? 'recorded' : 'duplicate';
}

const voteRowSchema = z.object({
  comparison_id: z.string(),
  created_at: z.number(),
  mode: comparisonModeSchema,
  vote: voteChoiceSchema,
  preset: z.string().nullable(),
  moa_models: z.string(),
  baseline_model: z.string(),
  simulated: z.number(),
  question_length: z.number(),
  moa_time_ms: z.number(),
  moa_cost: z.number(),
  baseline_time_ms: z.number(),
  baseline_cost: z.number(),
});

/** Every receipt-backed vote, oldest first. A row that does not read back as a vote (written by a later version, say) is skipped. */
export async function listVotes(): Promise<StoredVote[]> {
  const database = await getDatabase();
  const { rows } = await database.execute(
    `SELECT comparison_id, created_at, mode, vote, preset, moa_models, baseline_model, simulated, question_length,
       moa_time_ms, moa_cost, baseline_time_ms, baseline_cost
     FROM comparison_votes ORDER BY created_at, rowid`,
  );
  return rows.flatMap((row) => {
    const parsed = voteRowSchema.safeParse(row);
    const moaModels = parsed.success ? parseModelIds(parsed.data.moa_models) : undefined;
    if (!parsed.success || !moaModels) return [];
    const stored = parsed.data;
    const vote: StoredVote = {
      comparisonId: stored.comparison_id,
      createdAt: stored.created_at,
      mode: stored.mode,
      vote: stored.vote,
      preset: stored.preset,
      moaModels,
      baselineModel: stored.baseline_model,
      questionLength: stored.question_length,
      moa: { timeMs: stored.moa_time_ms, cost: stored.moa_cost },
      baseline: { timeMs: stored.baseline_time_ms, cost: stored.baseline_cost },
      simulated: stored.simulated !== 0,
    };
    return [vote];
  });
}

/** Votes stored before votes needed a receipt: their figures are the client's word, so they are never counted. */
export async function countUnverifiedVotes(): Promise<number> {
  const database = await getDatabase();
  const { rows } = await database.execute('SELECT COUNT(*) AS count FROM votes');
  return Number(rows[0]?.count ?? 0);
}
