import { z } from 'zod';
import { JUDGE_LIMITS } from './judge';
import { modelIdSchema } from './model-id';
import { conversationMessageSchema, REQUEST_LIMITS } from './moa-request';

/**
 * The routes an evaluation in the browser calls besides `POST /api/moa` and `POST /api/judge`: one model's answer
 * with the conversation so far, and an MT-Bench-style grade. Nothing they return is counted in `/stats`.
 */

/**
 * Sent (`1`) by every call of an evaluation, `/api/moa` and `/api/judge` included: such calls may spend the server's
 * own keys only where the operator allows evaluations on them (`EVAL_ON_SERVER_KEYS`).
 */
export const EVAL_REQUEST_HEADER = 'x-moa-eval';

const seedSchema = z.number().int().min(0).max(2 ** 31 - 1);

/** Body of `POST /api/eval/answer`: one model answers the conversation's last user turn. */
export const evalAnswerRequestSchema = z
  .strictObject({
    messages: z.array(conversationMessageSchema).min(1).max(REQUEST_LIMITS.messages),
    model: modelIdSchema,
    seed: seedSchema.optional(),
  })
  .superRefine((request, context) => {
    if (request.messages.at(-1)?.role !== 'user') {
      context.addIssue({ code: 'custom', path: ['messages'], message: 'must end with a user message' });
    }
  });
export type EvalAnswerRequest = z.infer<typeof evalAnswerRequestSchema>;

const gradedText = z.string().min(1, 'must not be empty').max(JUDGE_LIMITS.answerChars);

/** Body of `POST /api/eval/grade`: the judge rates the answer to the last question 1–10, after the earlier turns. */
export const evalGradeRequestSchema = z.strictObject({
  earlierTurns: z
    .array(z.strictObject({ question: z.string().max(JUDGE_LIMITS.questionChars), answer: z.string().max(JUDGE_LIMITS.answerChars) }))
    .max(3),
  question: z.string().min(1, 'must not be empty').max(JUDGE_LIMITS.questionChars),
  answer: gradedText,
  /** A checked answer: the grade is reference-guided. */
  reference: gradedText.optional(),
  /** Default: the best judge this server can use. */
  judgeModel: modelIdSchema.optional(),
  seed: seedSchema.optional(),
});
export type EvalGradeRequest = z.infer<typeof evalGradeRequestSchema>;

/** The answer of `POST /api/eval/grade`. */
export const evalGradeResponseSchema = z.object({
  /** Absent when the judge's reply held no readable rating. */
  score: z.number().min(1).max(10).optional(),
  reason: z.string(),
  costUsd: z.number().nonnegative(),
  judgeModel: z.string(),
  simulated: z.boolean(),
});
export type EvalGradeResponse = z.infer<typeof evalGradeResponseSchema>;
