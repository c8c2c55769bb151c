import type { SharedV4ProviderOptions } from '@ai-sdk/provider';
import type { AggregatorSettings } from '@/lib/moa/aggregator-settings';
import { ApiError, fromZodError } from '@/lib/protocol/api-error';
import { moaRequestSchema, presetIdSchema, type MoaRequest } from '@/lib/protocol/moa-request';
import { toEngineSeed } from '@/lib/random';
import { messageText, type ChatRequest } from './chat-request';

/**
 * A chat-completions request as the MoA request the shared gate checks: the preset the `model` names (or `moa` with
 * a config of its own), the conversation as text, the seed mapped onto the engine's range. The gate then holds it to
 * the same limits as `POST /api/moa`; its errors name `POST /api/moa` fields, which `toOpenAIError` translates.
 */
export function toMoaRequest(body: ChatRequest): MoaRequest {
  const config = body.moa?.config;
  if (!config && !presetIdSchema.safeParse(body.model).success) {
    throw new ApiError('unknown_preset', `The model "${body.model}" does not exist. GET /v1/models lists the ones you can use.`, 'preset');
  }
  const parsed = moaRequestSchema.safeParse({
    messages: body.messages.map((message) => ({
      role: message.role === 'developer' ? 'system' : message.role,
      content: messageText(message.content),
    })),
    ...(config ? { config } : { preset: body.model }),
    ...(body.seed != null ? { seed: toEngineSeed(body.seed) } : {}),
  });
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

/** `temperature` and `max_tokens` (or `max_completion_tokens`) are the answer's settings: the aggregator's. */
export function aggregatorSettingsOf(body: ChatRequest): AggregatorSettings {
  const maxOutputTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  return {
    ...(body.temperature != null ? { temperature: body.temperature } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
  };
}

/**
 * The caller's end-user id (`user`), passed to every agent's provider as OpenAI-compatible APIs take it, so that a
 * provider's abuse monitoring sees the end user behind this server.
 */
export function providerOptionsOf(body: ChatRequest): SharedV4ProviderOptions | undefined {
  if (body.user === undefined) return undefined;
  return { openaiCompatible: { user: body.user }, openai: { user: body.user } };
}
