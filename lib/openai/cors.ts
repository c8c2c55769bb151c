/**
 * CORS for `/v1/*`. Callers authenticate with a bearer token in a header, never with cookies, so any origin may
 * call (a browser page holding a token is the token holder's choice) and credentials are never allowed.
 * `Authorization` must be named: the `*` wildcard does not cover it. `*` covers the rest (`Content-Type`, the
 * `x-moa-key-*` headers, the headers OpenAI's SDKs add).
 */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, *',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

/** The answer to a preflight request. */
export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
