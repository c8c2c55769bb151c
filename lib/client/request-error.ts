import type { ZodType } from 'zod';
import { apiErrorBodySchema, type ApiErrorCode } from '@/lib/protocol/api-error';

/** Where a request went wrong: our route refused it (`api`), the connection dropped (`network`), or the run failed. */
export type RequestErrorKind = 'api' | 'network' | 'run';

/**
 * The one error the browser reports for this app's requests, read from what happened: an API error's code, message
 * and `Retry-After` from the response; a dropped connection; a run that failed on the server. Views switch on
 * `kind` and `code`, never on the message.
 */
export class RequestError extends Error {
  readonly kind: RequestErrorKind;
  readonly code?: ApiErrorCode;
  readonly retryAfterSeconds?: number;

  constructor(details: { kind: RequestErrorKind; message: string; code?: ApiErrorCode; retryAfterSeconds?: number }) {
    super(details.message);
    this.name = 'RequestError';
    this.kind = details.kind;
    this.code = details.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

const CONNECTION_DROPPED = 'The connection dropped before the run finished. What arrived is kept below.';

/** A run whose stream ended without its summary while nobody stopped it: the connection dropped midway. */
export const streamEndedEarly = new RequestError({ kind: 'network', message: CONNECTION_DROPPED });

/** The error an unsuccessful response of one of our routes stands for: its API error body and `Retry-After`. */
export async function requestErrorOf(response: Response): Promise<RequestError> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = apiErrorBodySchema.safeParse(json);
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (body.success)
    return new RequestError({ kind: 'api', code: body.data.code, message: body.data.message, retryAfterSeconds });
  return new RequestError({
    kind: 'api',
    code: 'internal',
    message: `The server answered HTTP ${response.status}.`,
    retryAfterSeconds,
  });
}

/**
 * `fetch` for our routes: resolves to a successful response, or rejects with a `RequestError`. A cancelled request
 * keeps its `AbortError`, which `useChat` treats as the user stopping the run.
 */
export async function fetchOrThrow(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new RequestError({
      kind: 'network',
      message: 'The request could not reach the server. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await requestErrorOf(response);
  return response;
}

/** POSTs `body` as JSON to one of our routes and reads the answer with `schema`; rejects with a `RequestError`. */
export async function postJson<T>(url: string, body: unknown, schema: ZodType<T>): Promise<T> {
  const response = await fetchOrThrow(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return schema.parse(await response.json());
}

/**
 * Any error a request reported, as a `RequestError`: ours as they are; a stream that broke off (the browser's
 * `TypeError` from reading the body) as a dropped connection; anything else as a failed run, with its message.
 */
export function describeRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
    return new RequestError({ kind: 'network', message: CONNECTION_DROPPED });
  }
  const message = error instanceof Error && error.message ? error.message : 'The run failed.';
  return new RequestError({ kind: 'run', message });
}
