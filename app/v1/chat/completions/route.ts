import { z } from 'zod';
import { apiCallerFor } from '@/lib/limits/api-tokens';
import { conversationToPrompt } from '@/lib/moa-model/conversation-to-prompt';
import { createMoaModel } from '@/lib/moa-model/create-moa-model';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { chatCompletion } from '@/lib/openai/chat-completion';
import { chatCompletionStreamResponse } from '@/lib/openai/chat-completion-stream';
import { CHAT_REQUEST_LIMITS, chatRequestSchema } from '@/lib/openai/chat-request';
import { CORS_HEADERS, preflightResponse } from '@/lib/openai/cors';
import { openAIErrorResponse } from '@/lib/openai/error-response';
import { fromChatRequestIssues, type OpenAIErrorContext } from '@/lib/openai/openai-error';
import { aggregatorSettingsOf, providerOptionsOf, toMoaRequest } from '@/lib/openai/to-moa-request';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { gateMoaRun } from '@/lib/server/gate-moa-run';

// Like `/api/moa`, the run streams from the edge; the wire layer uses web APIs only, so Node runs it unchanged.
export const runtime = 'edge';
export const maxDuration = 300;

/**
 * OpenAI's chat completions over a Mixture-of-Agents: `model` is a preset id (or `moa` with `moa.config`), the
 * answer is the aggregator's. The same gate as `POST /api/moa` admits the run; with a token from `MOA_API_TOKENS`
 * the caller may use the server's keys and is budgeted as that token.
 */
export async function POST(request: Request): Promise<Response> {
  const context: OpenAIErrorContext = {};
  try {
    const parsed = chatRequestSchema.safeParse(await parseJsonRequest(request, z.unknown(), CHAT_REQUEST_LIMITS.bodyBytes));
    if (!parsed.success) throw fromChatRequestIssues(parsed.error);
    const body = parsed.data;
    context.tokensParam = body.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';

    const env = serverEnvironment();
    const caller = await apiCallerFor(request.headers, env);
    context.sentOtherKey = caller.kind === 'anonymous' && caller.sentOtherKey;
    const access = await modelAccessFor(request, env, { serverKeys: caller.kind === 'token' });
    const moaRequest = toMoaRequest(body);
    const aggregator = aggregatorSettingsOf(body);
    const gated = await gateMoaRun({
      request,
      body: moaRequest,
      env,
      access,
      clientId: caller.kind === 'token' ? caller.clientId : undefined,
      // Browsers may call this API from other sites (see `CORS_HEADERS`): a JSON body makes them ask first.
      allowCrossSite: true,
      aggregator,
    });

    const progress = body.moa?.progress ?? false;
    const call = {
      model: createMoaModel({ config: gated.config, preset: gated.presetId, getModel: gated.getModel, around: gated.admission.metered, progress }),
      callOptions: { prompt: conversationToPrompt(moaRequest.messages), ...aggregator, seed: moaRequest.seed, providerOptions: providerOptionsOf(body) },
      modelName: body.model,
      requestSignal: request.signal,
      headers: CORS_HEADERS,
    };
    if (body.stream) return chatCompletionStreamResponse({ ...call, includeUsage: body.stream_options?.include_usage ?? false, progress });
    return await chatCompletion(call);
  } catch (error) {
    return openAIErrorResponse(error, context);
  }
}

export function OPTIONS(): Response {
  return preflightResponse();
}
