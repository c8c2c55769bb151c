import { z } from 'zod';
import { agentErrorSchema } from '@/lib/protocol/run-parts';
import { judgeOrderSchema, judgeVerdictSchema } from '@/lib/protocol/judge';
import { evalSettingsSchema } from './eval-settings';

/**
 * An evaluation's results are a list of records, one JSON object per line of its results file, each written as soon
 * as it is final. The first is the run's header; the others can come in any order. A resumed run reads them back
 * and only does what none of them covers.
 */

/** The first record: what was run, over which questions, and whether any model in it is simulated. */
export const runRecordSchema = z.object({
  type: z.literal('run'),
  version: z.literal(1),
  settings: evalSettingsSchema,
  suiteName: z.string(),
  /** Question ids in order, so a resumed run can check it asks the same ones. */
  questionIds: z.array(z.string()),
  /** Every model of the run is simulated: its numbers say nothing about real models. */
  simulated: z.boolean(),
  startedAt: z.string(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** One turn of a contestant's answer, with what it took. */
export const answerTurnSchema = z.object({
  status: z.enum(['done', 'failed']),
  text: z.string().optional(),
  error: agentErrorSchema.optional(),
  /** Until the first token of the answer the user reads (a MoA's aggregator), from the start of the turn. */
  timeToFirstTokenMs: z.number().nonnegative().optional(),
  totalMs: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
});
export type AnswerTurn = z.infer<typeof answerTurnSchema>;

/** A contestant's answer to every turn of one question; a failed turn ends it (the next would lack its context). */
export const answerRecordSchema = z.object({
  type: z.literal('answer'),
  questionId: z.string(),
  contestantId: z.string(),
  turns: z.array(answerTurnSchema).min(1),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

/** The judge's comparison of one turn of a contestant's answer with the reference's, in both orders. */
export const pairwiseRecordSchema = z.object({
  type: z.literal('pairwise'),
  questionId: z.string(),
  turn: z.number().int().nonnegative(),
  contestantId: z.string(),
  referenceId: z.string(),
  verdict: judgeVerdictSchema,
  /** The contestant's score averaged over the two readings (1 won both, ½ tie); absent when one had no verdict. */
  score: z.number().min(0).max(1).optional(),
  reason: z.string(),
  orders: z.array(judgeOrderSchema).length(2),
  contestantChars: z.number().int().nonnegative(),
  referenceChars: z.number().int().nonnegative(),
  /** Estimated from the prompt's length: the judge call does not report its usage. */
  costUsd: z.number().nonnegative(),
});
export type PairwiseRecord = z.infer<typeof pairwiseRecordSchema>;

/** The judge's 1–10 grade of one turn of a contestant's answer. */
export const gradeRecordSchema = z.object({
  type: z.literal('grade'),
  questionId: z.string(),
  turn: z.number().int().nonnegative(),
  contestantId: z.string(),
  /** Absent when the judge's reply held no readable rating. */
  score: z.number().min(1).max(10).optional(),
  referenceGuided: z.boolean(),
  reason: z.string(),
  costUsd: z.number().nonnegative(),
});
export type GradeRecord = z.infer<typeof gradeRecordSchema>;

export const evalRecordSchema = z.discriminatedUnion('type', [
  runRecordSchema,
  answerRecordSchema,
  pairwiseRecordSchema,
  gradeRecordSchema,
]);
export type EvalRecord = z.infer<typeof evalRecordSchema>;

export const answerKey = (questionId: string, contestantId: string) => `${questionId}\u0000${contestantId}`;
export const judgedKey = (questionId: string, contestantId: string, turn: number) =>
  `${questionId}\u0000${contestantId}\u0000${turn}`;
