import { z } from 'zod';
import { moaConfigSchema } from '@/lib/moa/config';

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

/** Body of `POST /api/moa`: a conversation ending with the user's turn, and a preset or a full config. */
export const moaRequestSchema = z
  .strictObject({
    messages: z.array(conversationMessageSchema).min(1).max(REQUEST_LIMITS.messages),
    preset: presetIdSchema.optional(),
    config: moaConfigSchema.optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
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
