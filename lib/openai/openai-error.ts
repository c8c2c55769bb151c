import { z } from 'zod';
import { MoaRunError } from '@/lib/moa-model/moa-run-error';
import { ApiError, upstreamError, type ApiErrorCode } from '@/lib/protocol/api-error';

/** OpenAI's error shape, which every OpenAI client reads: `error.code` to switch on, `error.param` to point at. */
export const openAIErrorBodySchema = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
export type OpenAIErrorBody = z.infer<typeof openAIErrorBodySchema>;

/** An error of the OpenAI-compatible API, with its HTTP status and, for a 429, when to try again. */
export class OpenAIWireError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'OpenAIWireError';
  }

  get body(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** A zod path as OpenAI writes a parameter: `messages[2].content[0]`, `moa.config.layers[0]`. */
export function paramOf(path: readonly PropertyKey[]): string | null {
  let param = '';
  for (const key of path) param += typeof key === 'number' ? `[${key}]` : `${param ? '.' : ''}${String(key)}`;
  return param || null;
}

/** The first problem of a request body that failed its schema, as a 400 naming the parameter. */
export function fromChatRequestIssues(error: z.ZodError): OpenAIWireError {
  const issue = error.issues[0];
  if (!issue) return new OpenAIWireError(400, 'invalid_request_error', 'invalid_value', 'The request is invalid.');
  if (issue.code === 'unrecognized_keys') {
    const param = paramOf([...issue.path, issue.keys[0] ?? '']);
    return new OpenAIWireError(400, 'invalid_request_error', 'unknown_parameter', `Unrecognized request argument supplied: ${param}.`, param);
  }
  const param = paramOf(issue.path);
  const openaiCode = issue.code === 'custom' ? (issue.params as { openaiCode?: string } | undefined)?.openaiCode : undefined;
  if (openaiCode) return new OpenAIWireError(400, 'invalid_request_error', openaiCode, issue.message, param);
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new OpenAIWireError(400, 'invalid_request_error', 'missing_required_parameter', `Missing required parameter: ${param ?? 'body'}.`, param);
  }
  return new OpenAIWireError(400, 'invalid_request_error', 'invalid_value', `Invalid value for ${param ?? 'body'}: ${issue.message}`, param);
}

/** The type and code OpenAI clients know for each of this server's API error codes. */
const FROM_API_ERROR: Record<ApiErrorCode, { type: string; code: string }> = {
  invalid_json: { type: 'invalid_request_error', code: 'invalid_json' },
  invalid_request: { type: 'invalid_request_error', code: 'invalid_value' },
  unknown_preset: { type: 'invalid_request_error', code: 'model_not_found' },
  unknown_model: { type: 'invalid_request_error', code: 'model_not_found' },
  invalid_key: { type: 'invalid_request_error', code: 'invalid_api_key' },
  invalid_receipt: { type: 'invalid_request_error', code: 'invalid_value' },
  cross_site: { type: 'permission_error', code: 'cross_site' },
  forbidden: { type: 'permission_error', code: 'forbidden' },
  eval_not_allowed: { type: 'permission_error', code: 'eval_not_allowed' },
  not_found: { type: 'invalid_request_error', code: 'not_found' },
  deleted: { type: 'invalid_request_error', code: 'not_found' },
  already_voted: { type: 'invalid_request_error', code: 'conflict' },
  unsupported_media_type: { type: 'invalid_request_error', code: 'unsupported_media_type' },
  payload_too_large: { type: 'invalid_request_error', code: 'payload_too_large' },
  rate_limited: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  too_many_runs: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  budget_exhausted: { type: 'insufficient_quota', code: 'insufficient_quota' },
  upstream_error: { type: 'api_error', code: 'upstream_error' },
  comparison_unavailable: { type: 'server_error', code: 'service_unavailable' },
  internal: { type: 'server_error', code: 'internal_error' },
};

/** Where a field of the shared gate (named as in `POST /api/moa`) lives in a chat-completions request. */
function paramOfGateField(field: string | undefined, tokensParam: string): string | null {
  if (field === undefined) return null;
  // The caller's max_tokens lands on the aggregator: a cap on it is a cap on that parameter.
  if (field === 'preset (aggregator.maxOutputTokens)') return tokensParam;
  if (field === 'preset' || field.startsWith('preset ')) return 'model';
  const param = paramOf(field.split('.').map(pathKey));
  return field.startsWith('config') ? `moa.${param}` : param;
}

const pathKey = (key: string): string | number => (/^\d+$/.test(key) ? Number(key) : key);

export interface OpenAIErrorContext {
  /** The request's name for the answer's token limit: `max_tokens` or `max_completion_tokens`. */
  tokensParam?: string;
  /** The caller sent a key that is no token of this server. */
  sentOtherKey?: boolean;
}

const NOT_A_TOKEN =
  "The API key sent is not a token of this server, so only simulated and local models, and providers whose key the request carries in an x-moa-key-<provider> header, are available.";

/**
 * Any error of a `/v1` request as an OpenAI error. The gate's errors keep their status (an unknown model becomes
 * OpenAI's 404 `model_not_found`); a run without an answer is a 429 when every failure was an upstream rate limit,
 * else a 502; anything unexpected is a 500 that reveals nothing.
 */
export function toOpenAIError(error: unknown, context: OpenAIErrorContext = {}): OpenAIWireError {
  if (error instanceof OpenAIWireError) return error;
  if (error instanceof ApiError) {
    const { type, code } = FROM_API_ERROR[error.code];
    const status = error.code === 'unknown_preset' ? 404 : error.status;
    const param = paramOfGateField(error.field, context.tokensParam ?? 'max_tokens');
    // The gate's messages start with its own field name; OpenAI clients know the parameter's.
    let message = error.field && param && error.message.startsWith(`${error.field}:`) ? `${param}:${error.message.slice(error.field.length + 1)}` : error.message;
    if (context.sentOtherKey && (error.code === 'unknown_preset' || error.code === 'unknown_model')) message += ` ${NOT_A_TOKEN}`;
    return new OpenAIWireError(status, type, code, message, param, error.retryAfterSeconds);
  }
  if (MoaRunError.isInstance(error)) {
    if (error.code === 'internal') return internalError();
    const { code, status } = upstreamError('The MoA run', error.causes);
    // The run's own message says which layer or agent failed; the status and codes are the shared rule's.
    return new OpenAIWireError(status, FROM_API_ERROR[code].type, FROM_API_ERROR[code].code, error.message);
  }
  return internalError();
}

function internalError(): OpenAIWireError {
  return new OpenAIWireError(500, 'server_error', 'internal_error', 'Something went wrong on our side. Please try again.');
}
