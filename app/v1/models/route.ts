import { apiCallerFor } from '@/lib/limits/api-tokens';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { availablePresets } from '@/lib/models/registry';
import { CORS_HEADERS, preflightResponse } from '@/lib/openai/cors';
import { openAIErrorResponse } from '@/lib/openai/error-response';
import { modelListOf } from '@/lib/openai/model-list';

// Reads the server's env and probes local model servers at request time.
export const dynamic = 'force-dynamic';

/** The presets this caller can run through `POST /v1/chat/completions`, in OpenAI's list format. */
export async function GET(request: Request): Promise<Response> {
  try {
    const env = serverEnvironment();
    const caller = await apiCallerFor(request.headers, env);
    // Listing spends nothing: a key header that is not a key just leaves its provider out.
    const access = await modelAccessFor(request, env, { serverKeys: caller.kind === 'token', invalidKeys: 'ignore' });
    // The answer depends on the request's token and key headers, which HTTP caches do not key on.
    return Response.json(modelListOf(availablePresets(access).presets), { headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store' } });
  } catch (error) {
    return openAIErrorResponse(error);
  }
}

export function OPTIONS(): Response {
  return preflightResponse();
}
