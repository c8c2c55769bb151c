import { preflightResponse } from '@/lib/openai/cors';
import { openAIErrorResponse } from '@/lib/openai/error-response';
import { OpenAIWireError } from '@/lib/openai/openai-error';

/**
 * Every other `/v1` path (embeddings, responses, …): OpenAI's 404 in OpenAI's shape, so a client that tries an
 * endpoint this server does not have reads why, instead of an HTML page.
 */
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return openAIErrorResponse(
    new OpenAIWireError(404, 'invalid_request_error', 'unknown_url', `Unknown endpoint ${request.method} ${pathname.slice(0, 100)}: this server has /v1/chat/completions and /v1/models.`),
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

export function OPTIONS(): Response {
  return preflightResponse();
}
