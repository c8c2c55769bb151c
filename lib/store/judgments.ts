import 'server-only';
import { z } from 'zod';
import { splitModelId } from '@/lib/models/providers';
import { judgeVerdictSchema, type JudgeVerdict } from '@/lib/protocol/judge';
import { getDatabase } from './database';

/** What `recordJudgment` stores of one judgment: what was compared and the verdict, never the texts. */
export type NewJudgment = {
  verdict: JudgeVerdict;
  judgeModel: string;
  /** The judge was the simulator. */
  judgeSimulated: boolean;
  /** The preset of the MoA side; absent for custom settings or when the caller did not say. */
  preset?: string;
  /** Every model of the MoA side, as the caller named them. */
  moaModels?: readonly string[];
  baselineModel?: string;
  /** Characters (UTF-16 code units) of the question. */
  questionLength: number;
};

/** A stored judgment, as `listJudgments` reads it back. */
export type StoredJudgment = {
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** `null`: custom settings, or not given. */
  preset: string | null;
  moaModels: string[];
  /** `null` when the caller did not name it. */
  baselineModel: string | null;
  judgeModel: string;
  verdict: JudgeVerdict;
  questionLength: number;
  /**
   * The judge or either compared side ran on the simulator (from the model ids): the verdict says nothing about
   * MoA, so statistics leave it out.
   */
  simulated: boolean;
};

function isSimulatorModel(modelId: string): boolean {
  return splitModelId(modelId).providerId === 'simulator';
}

/** Stores one judgment and returns its new id. */
export async function recordJudgment(judgment: NewJudgment): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const moaModels = [...(judgment.moaModels ?? [])];
  const simulated =
    judgment.judgeSimulated ||
    isSimulatorModel(judgment.judgeModel) ||
    moaModels.some(isSimulatorModel) ||
    (judgment.baselineModel !== undefined && isSimulatorModel(judgment.baselineModel));
  const database = await getDatabase();
  await database.execute({
    sql: `INSERT INTO judgments (id, created_at, preset, moa_models, baseline_model, judge_model, verdict,
            question_length, simulated)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      id,
      Date.now(),
      judgment.preset ?? null,
      JSON.stringify(moaModels),
      judgment.baselineModel ?? null,
      judgment.judgeModel,
      judgeVerdictSchema.parse(judgment.verdict),
      judgment.questionLength,
      simulated ? 1 : 0,
    ],
  });
  return { id };
}

const judgmentRowSchema = z.object({
  id: z.string(),
  created_at: z.number(),
  preset: z.string().nullable(),
  moa_models: z.string(),
  baseline_model: z.string().nullable(),
  judge_model: z.string(),
  verdict: judgeVerdictSchema,
  question_length: z.number(),
  simulated: z.number(),
});

function parseModels(json: string): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Stored judgments, oldest first; with `limit`, the most recent `limit` of them (still oldest first). A row that
 * does not read back as a judgment (written by a later version, say) is skipped rather than failing the list.
 */
export async function listJudgments(options: { limit?: number } = {}): Promise<StoredJudgment[]> {
  const database = await getDatabase();
  const columns = `id, created_at, preset, moa_models, baseline_model, judge_model, verdict, question_length, simulated`;
  const { rows } =
    options.limit === undefined
      ? await database.execute(`SELECT ${columns} FROM judgments ORDER BY created_at, rowid`)
      : await database.execute({
          sql: `SELECT * FROM (SELECT ${columns}, rowid AS row_order FROM judgments ORDER BY created_at DESC, rowid DESC
                LIMIT ?) ORDER BY created_at, row_order`,
          args: [Math.max(0, Math.floor(options.limit))],
        });
  return rows.flatMap((row) => {
    const parsed = judgmentRowSchema.safeParse(row);
    if (!parsed.success) return [];
    const data = parsed.data;
    return [
      {
        id: data.id,
        createdAt: data.created_at,
        preset: data.preset,
        moaModels: parseModels(data.moa_models),
        baselineModel: data.baseline_model,
        judgeModel: data.judge_model,
        verdict: data.verdict,
        questionLength: data.question_length,
        simulated: data.simulated !== 0,
      },
    ];
  });
}
