import { z } from 'zod';
import type { AgentError } from './run-parts';

/** The one vocabulary of API errors. The client switches on `code`, never on `message`. */
export const apiErrorCodes = {
  invalid_json: 400,
  invalid_request: 400,
  unknown_preset: 400,
  unknown_model: 400,
  /** An own-key header (`x-moa-key-<provider>`) whose value cannot be a key. */
  invalid_key: 400,
  /** A comparison receipt that this server did not sign, that was altered, that has expired, or that belongs to another comparison. */
  invalid_receipt: 400,
  forbidden: 403,
  /** A browser sent this on another website's behalf: refused on every route that costs or writes. */
  cross_site: 403,
  /** An evaluation's call that would spend the server's own keys, where the operator has not allowed that. */
  eval_not_allowed: 403,
  not_found: 404,
  /** A shared conversation its creator deleted: gone for good, said apart from an id that never existed. */
  deleted: 404,
  /** A second vote on one comparison, whoever sends it: the first one stands. */
  already_voted: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  /**
   * This client used its budget of model calls or writes for the window (`Retry-After` says when it refills), or
   * the provider of a model the server called for it is rate limiting the server.
   */
  rate_limited: 429,
  /** This client (or the whole instance) has as many runs going at once as it may; one must end first. */
  too_many_runs: 429,
  /** The server's own keys reached the daily spend ceiling; own keys and simulated runs still work. */
  budget_exhausted: 429,
  /** A model the server called on the caller's behalf (e.g. the judge) failed or timed out. */
  upstream_error: 502,
  internal: 500,
  /** Comparisons need `COMPARISON_SECRET` to sign their receipts, and this server has none. */
  comparison_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof apiErrorCodes;

export const apiErrorBodySchema = z.object({
  code: z.enum(Object.keys(apiErrorCodes) as [ApiErrorCode, ...ApiErrorCode[]]),
  message: z.string(),
  field: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    /** Sent as `Retry-After` (whole seconds): when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = apiErrorCodes[code];
  }

  toResponse(): Response {
    const body: ApiErrorBody = { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (this.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(this.retryAfterSeconds)));
    return Response.json(body, { status: this.status, headers });
  }
}

/** Turns a zod failure into a 400 that names the first offending field. */
export function fromZodError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  // An unknown key is reported at its parent's path: name the key itself.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : (issue?.path ?? []);
  const field = path.length > 0 ? path.join('.') : undefined;
  const message = issue ? `${field ?? 'body'}: ${issue.message}` : 'The request is invalid.';
  return new ApiError('invalid_request', message, field);
}

/**
 * A model the server called for the caller failed (`failures`: its errors, as agents report them): 429
 * `rate_limited` when every failure was the provider's rate limit, so the caller knows to wait; else 502
 * `upstream_error`. The message says what failed, never the provider's body.
 */
export function upstreamError(what: string, failures: readonly AgentError[]): ApiError {
  const rateLimited = failures.length > 0 && failures.every((failure) => failure.code === 'rate_limited');
  if (rateLimited) return new ApiError('rate_limited', `${what} is rate limited by its provider: ${failures[0]?.message} Try again later.`);
  return new ApiError('upstream_error', `${what} failed: ${failures.map((failure) => failure.message).join(' ') || 'no answer.'}`);
}
