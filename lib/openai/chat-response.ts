import type { LanguageModelV4FinishReason, LanguageModelV4Usage, SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { z } from 'zod';

/**
 * The answers of `POST /v1/chat/completions` in OpenAI's format: `chat.completion`, and `chat.completion.chunk`
 * events when streaming. `usage` adds a `moa` field (the run summary and every agent's usage, cost and timings, in
 * the same shapes as the `data-summary` and `data-agent` parts of `POST /api/moa`); progress chunks, only when asked
 * for with `moa.progress`, carry a `moa` field and no choices.
 */

export const finishReasonSchema = z.enum(['stop', 'length']);

export const chatUsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
  /** `{ runId, preset?, summary, agents }`: see `MoaRunMetadata`. */
  moa: z.record(z.string(), z.unknown()).optional(),
});
export type ChatUsage = z.infer<typeof chatUsageSchema>;

export const chatCompletionSchema = z.strictObject({
  id: z.string().startsWith('chatcmpl-'),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z
    .array(
      z.strictObject({
        index: z.literal(0),
        message: z.strictObject({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
        logprobs: z.null(),
        finish_reason: finishReasonSchema,
      }),
    )
    .length(1),
  usage: chatUsageSchema,
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

export const chatCompletionChunkSchema = z.strictObject({
  id: z.string().startsWith('chatcmpl-'),
  object: z.literal('chat.completion.chunk'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.strictObject({
      index: z.literal(0),
      delta: z.strictObject({ role: z.literal('assistant').optional(), content: z.string().optional() }),
      logprobs: z.null(),
      finish_reason: finishReasonSchema.nullable(),
    }),
  ),
  /** Present (`null`, then the totals in a last chunk without choices) only with `stream_options.include_usage`. */
  usage: chatUsageSchema.nullable().optional(),
  /** A progress event of the run, only with `moa.progress`. */
  moa: z.record(z.string(), z.unknown()).optional(),
});
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

/** What every chunk and the completion of one run share. */
export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

export function completionIdentity(runId: string, model: string, startedAt: number): CompletionIdentity {
  return { id: `chatcmpl-${runId}`, created: Math.floor(startedAt / 1000), model };
}

/** The run's usage as OpenAI counts it: every model call of the run, and the run itself under `moa`. */
export function chatUsageOf(usage: LanguageModelV4Usage, providerMetadata: SharedV4ProviderMetadata | undefined): ChatUsage {
  const prompt = usage.inputTokens.total ?? 0;
  const completion = usage.outputTokens.total ?? 0;
  const moa = providerMetadata?.moa;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, ...(moa ? { moa } : {}) };
}

export function chatFinishReasonOf(finishReason: LanguageModelV4FinishReason): z.infer<typeof finishReasonSchema> {
  return finishReason.unified === 'length' ? 'length' : 'stop';
}

export function chunkOf(
  identity: CompletionIdentity,
  choice: { delta: ChatCompletionChunk['choices'][number]['delta']; finishReason?: 'stop' | 'length' } | undefined,
  extra: { usage?: ChatUsage | null; moa?: Record<string, unknown> } = {},
): ChatCompletionChunk {
  return {
    ...identity,
    object: 'chat.completion.chunk',
    choices: choice ? [{ index: 0, delta: choice.delta, logprobs: null, finish_reason: choice.finishReason ?? null }] : [],
    ...extra,
  };
}
