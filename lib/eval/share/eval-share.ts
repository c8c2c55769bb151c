import { z } from 'zod';
import { deleteTokenSchema, shareIdSchema } from '@/lib/protocol/share';
import { EVAL_LIMITS } from '../run/eval-settings';
import { QUESTION_LIMITS, questionSchema } from '../questions/question';
import { evalRecordSchema } from '../run/eval-records';

/** Limits of a shared evaluation report: beyond the byte limit the API answers 413, beyond the counts 400. */
export const EVAL_SHARE_LIMITS = {
  /** Of the request body, and so of what is stored: a full MT-Bench run with long answers fits in a few MB. */
  bodyBytes: 8 * 1024 * 1024,
  questions: QUESTION_LIMITS.questions,
  /** A header, plus per question and contestant one answer and a judgment per turn. */
  records: 1 + QUESTION_LIMITS.questions * EVAL_LIMITS.contestants * (1 + QUESTION_LIMITS.turns),
} as const;

/** Shared reports are addressed like shared conversations: 128 random bits in base64url. */
export const evalShareIdSchema = shareIdSchema;

/**
 * Body of `POST /api/eval-shares`: a run's records, header first, and the questions its report covers, in order.
 * The records must belong to those questions and contestants, so the page never reads a record it cannot place.
 */
export const createEvalShareRequestSchema = z
  .strictObject({
    records: z.array(evalRecordSchema).min(1).max(EVAL_SHARE_LIMITS.records),
    questions: z.array(questionSchema).min(1).max(EVAL_SHARE_LIMITS.questions),
  })
  .superRefine(({ records, questions }, context) => {
    const [header] = records;
    if (header?.type !== 'run') {
      context.addIssue({
        code: 'custom',
        path: ['records', 0, 'type'],
        message: 'must be "run": the header comes first',
      });
      return;
    }
    const listed = new Set(header.questionIds);
    const asked = new Set<string>();
    questions.forEach((question, index) => {
      if (asked.has(question.id))
        context.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `repeats "${question.id}"` });
      if (!listed.has(question.id))
        context.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `"${question.id}" is not among the header's questionIds`,
        });
      asked.add(question.id);
    });
    const contestants = new Set(header.settings.contestants.map((contestant) => contestant.id));
    records.forEach((record, index) => {
      if (record.type === 'run') {
        if (index > 0)
          context.addIssue({
            code: 'custom',
            path: ['records', index, 'type'],
            message: 'a report has one header, the first record',
          });
        return;
      }
      if (!asked.has(record.questionId))
        context.addIssue({
          code: 'custom',
          path: ['records', index, 'questionId'],
          message: `"${record.questionId}" is not among the questions`,
        });
      if (!contestants.has(record.contestantId))
        context.addIssue({
          code: 'custom',
          path: ['records', index, 'contestantId'],
          message: `"${record.contestantId}" is not a contestant of the run`,
        });
    });
  });
export type CreateEvalShareRequest = z.infer<typeof createEvalShareRequestSchema>;

/** Answer of `POST /api/eval-shares`: the delete token is shown once and never stored in clear. */
export const createEvalShareResponseSchema = z.object({
  id: evalShareIdSchema,
  url: z.string(),
  deleteToken: deleteTokenSchema,
});
export type CreateEvalShareResponse = z.infer<typeof createEvalShareResponseSchema>;

/** A shared report as stored. Versioned like conversation snapshots, so links made before keep rendering. */
export const evalShareSnapshotSchema = z.object({
  version: z.literal(1),
  records: z.array(evalRecordSchema),
  questions: z.array(questionSchema),
});
export type EvalShareSnapshot = z.infer<typeof evalShareSnapshotSchema>;
