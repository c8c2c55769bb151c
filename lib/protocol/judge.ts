import { z } from 'zod';
import { modelIdSchema } from '@/lib/protocol/model-id';
import { receiptTokenSchema } from './comparison-receipt';
import { REQUEST_LIMITS } from './moa-request';

/**
 * A pairwise judgment of a MoA answer against a single model's answer to the same question, in the spirit of
 * AlpacaEval: a judge model reads the instruction and the two outputs as "A" and "B" and names the better one or a
 * tie. It reads them twice, the MoA answer first as A and then as B, so a preference for a position cancels out.
 * The same shapes travel in the `data-judge` part of `POST /api/moa` and in the answer of `POST /api/judge`.
 */

/** Limits of `POST /api/judge`; beyond the byte limit it answers 413. */
export const JUDGE_LIMITS = {
  bodyBytes: 512 * 1024,
  /** The question is the conversation's last user message, capped like any message of `POST /api/moa`. */
  questionChars: REQUEST_LIMITS.messageChars,
  /** Of each answer: more than the longest answer an agent may write (4,096 tokens). */
  answerChars: 64_000,
} as const;

/** What one reading said, positions as the judge saw them; `unparsable` when no final `Verdict:` line was readable. */
export const judgeRawVerdictSchema = z.enum(['A', 'B', 'tie', 'unparsable']);
export type JudgeRawVerdict = z.infer<typeof judgeRawVerdictSchema>;

/** Which side a reading preferred. */
export const judgePreferenceSchema = z.enum(['moa', 'baseline', 'tie']);
export type JudgePreference = z.infer<typeof judgePreferenceSchema>;

/**
 * The combined verdict. `inconsistent`: the two readings named opposite winners (the judge followed the position,
 * not the content), or one of them could not be read.
 */
export const judgeVerdictSchema = z.enum(['moa', 'baseline', 'tie', 'inconsistent']);
export type JudgeVerdict = z.infer<typeof judgeVerdictSchema>;

/** One reading of the pair. */
export const judgeOrderSchema = z.object({
  /** Where the MoA answer stood in this reading. */
  moaPosition: z.enum(['A', 'B']),
  /** The judge's own verdict, by position. */
  verdict: judgeRawVerdictSchema,
  /** The same verdict by side; absent when it was unparsable. */
  preferred: judgePreferenceSchema.optional(),
  /** The judge's sentences before its verdict line (or, when unparsable, what it wrote), shortened. */
  reason: z.string(),
});
export type JudgeOrder = z.infer<typeof judgeOrderSchema>;

/** A judgment, as `POST /api/judge` answers it and `data-judge` carries it. */
export const judgmentSchema = z.object({
  verdict: judgeVerdictSchema,
  /** One sentence on how the verdict follows from the two readings. */
  reason: z.string(),
  /** Always two: the MoA answer as A, then as B. */
  orders: z.array(judgeOrderSchema).length(2),
  /**
   * AlpacaEval-style preference for the MoA answer: each reading scores 1 for a MoA win, 0.5 for a tie, 0 for a
   * baseline win, and the two are averaged. Absent when a reading was unparsable.
   */
  moaScore: z.number().min(0).max(1).optional(),
  judgeModel: z.string(),
  /** The judge was the simulator: the verdict is made up. */
  simulated: z.boolean(),
});
export type Judgment = z.infer<typeof judgmentSchema>;

/**
 * Body of `POST /api/judge`. With the `receipt` of a comparison this server ran, and the very question and answers
 * it covers, the verdict is stored for the statistics (what was compared comes from the receipt); without one the
 * texts are judged all the same, but the verdict is not stored.
 */
export const judgeRequestSchema = z.strictObject({
  /** The conversation's last user message: the instruction both answers replied to. */
  question: z.string().min(1, 'must not be empty').max(JUDGE_LIMITS.questionChars),
  moaAnswer: z.string().min(1, 'must not be empty').max(JUDGE_LIMITS.answerChars),
  baselineAnswer: z.string().min(1, 'must not be empty').max(JUDGE_LIMITS.answerChars),
  /** Default: the best judge this server can use (see `lib/judge/judge-model.ts`). */
  judgeModel: modelIdSchema.optional(),
  receipt: receiptTokenSchema.optional(),
  /** Passed to the judge model where it takes one (an evaluation's own seed); the simulated judge's verdict depends on it. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type JudgeRequest = z.infer<typeof judgeRequestSchema>;

/**
 * Answer of `POST /api/judge`: the judgment, and whether it counts in the statistics (a receipt-backed comparison
 * judged here for the first time).
 */
export const judgeResponseSchema = judgmentSchema.extend({ counted: z.boolean() });
export type JudgeResponse = z.infer<typeof judgeResponseSchema>;
