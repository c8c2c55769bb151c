import { CORS_HEADERS } from './cors';
import { toOpenAIError, type OpenAIErrorContext } from './openai-error';

/** Any error of a `/v1` request as OpenAI's error body, with its status and, for a 429, `Retry-After`. */
export function openAIErrorResponse(error: unknown, context: OpenAIErrorContext = {}): Response {
  const wireError = toOpenAIError(error, context);
  const headers: Record<string, string> = { ...CORS_HEADERS, 'Cache-Control': 'no-store' };
  if (wireError.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(wireError.retryAfterSeconds)));
  return Response.json(wireError.body, { status: wireError.status, headers });
}
