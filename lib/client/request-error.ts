import { APICallError } from 'ai';
import { apiErrorBodySchema, type ApiErrorCode } from '@/lib/protocol/api-error';

/** Carries the status and `Retry-After` of a failed API response into the error `useChat` reports. */
export async function fetchWithErrorDetails(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok) return response;
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { message: text.slice(0, 300) };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const details = {
    code: 'internal',
    message: `The server answered HTTP ${response.status}.`,
    ...body,
    status: response.status,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
  return new Response(JSON.stringify(details), { status: response.status, headers: { 'content-type': 'application/json' } });
}

export interface RequestProblem {
  kind: 'api' | 'network' | 'run';
  code?: ApiErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * What to tell the user about an error `useChat` reported: an API error from our routes (by its code), a dropped
 * connection, or a run that failed on the server. Decided by the error's shape, not by matching its text.
 */
export function describeRequestError(error: Error): RequestProblem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(APICallError.isInstance(error) ? (error.responseBody ?? '') : error.message);
  } catch {
    parsed = undefined;
  }
  const body = apiErrorBodySchema.safeParse(parsed);
  if (body.success) {
    const retryAfterSeconds = (parsed as { retryAfterSeconds?: number }).retryAfterSeconds;
    return { kind: 'api', code: body.data.code, message: body.data.message, retryAfterSeconds };
  }
  if (APICallError.isInstance(error)) {
    return { kind: 'api', code: 'internal', message: `The server answered HTTP ${error.statusCode ?? 'with an error'}.` };
  }
  if (error instanceof TypeError || error.name === 'AbortError' || error.name === 'TypeError') {
    return { kind: 'network', message: 'The connection dropped before the run finished. What arrived is kept below.' };
  }
  return { kind: 'run', message: error.message || 'The run failed.' };
}
