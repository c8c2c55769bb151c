import { z } from 'zod';
import { modelIdSchema } from '@/lib/protocol/model-id';
import { moaConfigSchema } from '@/lib/protocol/moa-config';

/** Limits on what one request may carry; beyond the byte limit the API answers 413. */
export const REQUEST_LIMITS = {
  bodyBytes: 512 * 1024,
  messageChars: 32_000,
  messages: 100,
} as const;

export const conversationMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().min(1, 'must not be empty').max(REQUEST_LIMITS.messageChars),
});
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

export const presetIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a preset id such as "moa-lite"');

/** `blind`: the page hides which answer is which until the vote; `open`: everything shows live. */
export const comparisonModeSchema = z.enum(['blind', 'open']);
export type ComparisonMode = z.infer<typeof comparisonModeSchema>;

/**
 * `compare` in the body of `POST /api/moa`: also run one model alone on the same conversation, beside the MoA and in
 * the same stream, as the agent `baseline`. `model` defaults to the run's aggregator model. With `judge: true`, once
 * both answered, a judge model compares them in both orders and the verdict comes as a `data-judge` part;
 * `judgeModel` defaults to the best judge this server can use. `mode` (default `blind`) is written into the
 * comparison's receipt and its `data-run`: the page hides which answer is which until the vote in a blind one.
 */
export const compareRequestSchema = z
  .strictObject({
    model: modelIdSchema.optional(),
    mode: comparisonModeSchema.default('blind'),
    judge: z.boolean().optional(),
    judgeModel: modelIdSchema.optional(),
  })
  .superRefine((compare, context) => {
    if (compare.judgeModel !== undefined && compare.judge !== true) {
      context.addIssue({ code: 'custom', path: ['judgeModel'], message: 'needs "judge": true' });
    }
  });
export type CompareRequest = z.infer<typeof compareRequestSchema>;

/** Body of `POST /api/moa`: a conversation ending with the user's turn, and a preset or a full config. */
export const moaRequestSchema = z
  .strictObject({
    messages: z.array(conversationMessageSchema).min(1).max(REQUEST_LIMITS.messages),
    preset: presetIdSchema.optional(),
    config: moaConfigSchema.optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    compare: compareRequestSchema.optional(),
  })
  .superRefine((request, context) => {
    if (request.messages.at(-1)?.role !== 'user') {
      context.addIssue({ code: 'custom', path: ['messages'], message: 'must end with a user message' });
    }
    if (request.preset !== undefined && request.config !== undefined) {
      context.addIssue({ code: 'custom', path: ['config'], message: 'cannot be sent together with "preset"' });
    }
  });
export type MoaRequest = z.infer<typeof moaRequestSchema>;
export type MoaRequestInput = z.input<typeof moaRequestSchema>;
