import 'server-only';
import { z } from 'zod';
import { findProvider, splitModelId } from '@/lib/models/providers';
import { fromZodError } from '@/lib/protocol/api-error';
import { voteChoiceSchema, voteRequestSchema, type SideMeasure, type VoteChoice, type VoteRequest } from '@/lib/protocol/vote';
import { getDatabase } from './database';

/** A vote as read back. */
export type StoredVote = {
  id: number;
  createdAt: number;
  comparisonId: string;
  browserId: string;
  vote: VoteChoice;
  preset: string | null;
  moaModels: string[];
  baselineModel: string;
  questionLength: number;
  moa: SideMeasure;
  baseline: SideMeasure;
  /** Either side ran on the simulator (from the model ids): its answers are canned, so the vote says nothing. */
  simulated: boolean;
};

/**
 * Stores a vote, unless this browser already voted on this comparison: then nothing changes and the first vote
 * stands. Concurrent duplicates are settled by the table's UNIQUE constraint, so exactly one is `recorded`.
 * Throws `ApiError` 400 for an invalid vote.
 */
export async function recordVote(vote: VoteRequest): Promise<'recorded' | 'duplicate'> {
  const parsed = voteRequestSchema.safeParse(vote);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { data } = parsed;
  const database = await getDatabase();
  const result = await database.execute({
    sql: `INSERT INTO votes (created_at, comparison_id, browser_id, vote, preset, moa_models, baseline_model,
            question_length, moa_time_ms, moa_cost, baseline_time_ms, baseline_cost)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (comparison_id, browser_id) DO NOTHING`,
    args: [
      Date.now(),
      data.comparisonId,
      data.browserId,
      data.vote,
      data.preset ?? null,
      JSON.stringify(data.moaModels),
      data.baselineModel,
      data.questionLength,
      data.moa.timeMs,
      data.moa.cost,
      data.baseline.timeMs,
      data.baseline.cost,
    ],
  });
  return result.rowsAffected === 1 ? 'recorded' : 'duplicate';
}

const voteRowSchema = z.object({
  id: z.number(),
  created_at: z.number(),
  comparison_id: z.string(),
  browser_id: z.string(),
  vote: voteChoiceSchema,
  preset: z.string().nullable(),
  moa_models: z.string(),
  baseline_model: z.string(),
  question_length: z.number(),
  moa_time_ms: z.number(),
  moa_cost: z.number(),
  baseline_time_ms: z.number(),
  baseline_cost: z.number(),
});

/** Every vote, oldest first. A row that does not read back as a vote (written by a later version, say) is skipped. */
export async function listVotes(): Promise<StoredVote[]> {
  const database = await getDatabase();
  const { rows } = await database.execute(
    `SELECT id, created_at, comparison_id, browser_id, vote, preset, moa_models, baseline_model, question_length,
       moa_time_ms, moa_cost, baseline_time_ms, baseline_cost
     FROM votes ORDER BY created_at, id`,
  );
  return rows.flatMap((row) => {
    const parsed = voteRowSchema.safeParse(row);
    const moaModels = parsed.success ? parseModelIds(parsed.data.moa_models) : undefined;
    if (!parsed.success || !moaModels) return [];
    const stored = parsed.data;
    const vote: StoredVote = {
      id: stored.id,
      createdAt: stored.created_at,
      comparisonId: stored.comparison_id,
      browserId: stored.browser_id,
      vote: stored.vote,
      preset: stored.preset,
      moaModels,
      baselineModel: stored.baseline_model,
      questionLength: stored.question_length,
      moa: { timeMs: stored.moa_time_ms, cost: stored.moa_cost },
      baseline: { timeMs: stored.baseline_time_ms, cost: stored.baseline_cost },
      simulated: [...moaModels, stored.baseline_model].some(isSimulatorModel),
    };
    return [vote];
  });
}

function parseModelIds(json: string): string[] | undefined {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isSimulatorModel(modelId: string): boolean {
  return findProvider(splitModelId(modelId).providerId)?.kind === 'simulator';
}
