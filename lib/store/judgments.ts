import 'server-only';
import { z } from 'zod';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import { judgeVerdictSchema, type JudgeVerdict, type Judgment } from '@/lib/protocol/judge';
import { getDatabase } from './database';
import { parseModelIds } from './model-ids-column';

/** A stored verdict on a comparison this server ran, as `listJudgments` reads it back. */
export type StoredJudgment = {
  comparisonId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** `null`: custom settings. */
  preset: string | null;
  moaModels: string[];
  baselineModel: string;
  judgeModel: string;
  verdict: JudgeVerdict;
  questionLength: number;
  /** The judge or either compared side ran on the simulator: the verdict says nothing about MoA. */
  simulated: boolean;
};

/**
 * Stores the verdict this server reached on a comparison whose receipt it checked: what was compared comes from
 * the receipt, never from the caller. One verdict per comparison: `false` when one is already stored (the first
 * stands), so judging a pair again until the verdict suits cannot move the statistics.
 */
export async function recordJudgment({ claims, judgment }: { claims: ReceiptClaims; judgment: Judgment }): Promise<boolean> {
  const database = await getDatabase();
  const result = await database.execute({
    sql: `INSERT INTO comparison_judgments (comparison_id, created_at, preset, moa_models, baseline_model, judge_model,
            verdict, question_length, simulated)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (comparison_id) DO NOTHING`,
    args: [
      claims.comparisonId.toLowerCase(),
      Date.now(),
      claims.preset ?? null,
      JSON.stringify(claims.moaModels),
      claims.baselineModel,
      judgment.judgeModel,
      judgeVerdictSchema.parse(judgment.verdict),
      claims.questionLength,
      claims.simulated || judgment.simulated ? 1 : 0,
    ],
  });
  return result.rowsAffected === 1;
}

const judgmentRowSchema = z.object({
  comparison_id: z.string(),
  created_at: z.number(),
  preset: z.string().nullable(),
  moa_models: z.string(),
  baseline_model: z.string(),
  judge_model: z.string(),
  verdict: judgeVerdictSchema,
  question_length: z.number(),
  simulated: z.number(),
});

/** Every stored verdict, oldest first; a row that does not read back as one (a later version's, say) is skipped. */
export async function listJudgments(): Promise<StoredJudgment[]> {
  const { rows } = await (await getDatabase()).execute(
    `SELECT comparison_id, created_at, preset, moa_models, baseline_model, judge_model, verdict, question_length,
       simulated
     FROM comparison_judgments ORDER BY created_at, rowid`,
  );
  return rows.flatMap((row) => {
    const parsed = judgmentRowSchema.safeParse(row);
    const moaModels = parsed.success ? parseModelIds(parsed.data.moa_models) : undefined;
    if (!parsed.success || !moaModels) return [];
    const data = parsed.data;
    return [
      {
        comparisonId: data.comparison_id,
        createdAt: data.created_at,
        preset: data.preset,
        moaModels,
        baselineModel: data.baseline_model,
        judgeModel: data.judge_model,
        verdict: data.verdict,
        questionLength: data.question_length,
        simulated: data.simulated !== 0,
      },
    ];
  });
}

/** Verdicts stored before they needed a receipt: on texts and labels the caller supplied, so never counted. */
export async function countUnverifiedJudgments(): Promise<number> {
  const { rows } = await (await getDatabase()).execute('SELECT COUNT(*) AS count FROM judgments');
  return Number(rows[0]?.count ?? 0);
}
