import { ApiError, fromZodError } from './api-error';

/**
 * Reads a JSON body, refusing more than `maxBytes` without buffering it all first: a declared Content-Length is
 * checked up front, and the stream is cut once it goes past the limit.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new ApiError('invalid_json', 'The request has no body; send a JSON object.');

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid JSON.');
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError('payload_too_large', `The body is larger than ${Math.round(maxBytes / 1024)} KB.`);
}

/**
 * The body of a JSON API request, checked: 415 when it is not declared as JSON, 413 beyond `maxBytes`, 400
 * `invalid_json` or 400 naming the first offending field.
 */
export async function parseJsonRequest<T>(
  request: Request,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  maxBytes: number,
): Promise<T> {
  // Exactly `application/json` (parameters such as charset allowed, case-insensitive per RFC 9110): a browser sends
  // that type across sites only after a CORS preflight, while `text/plain; application/json`, or no type at all, it
  // sends from any website without asking.
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError('unsupported_media_type', 'Send the body with Content-Type: application/json.');
  }
  const parsed = schema.safeParse(await readJsonBody(request, maxBytes));
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}
