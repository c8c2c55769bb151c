import { describeError } from './report';

/** Name of the header that carries a virtual client's address (the server trusts it through `CLIENT_IP_HEADER`). */
export const CLIENT_IP_HEADER = 'x-bench-client';

/** One timed request: from the send to the end of the response body. */
export type TimedResponse = { latencyMs: number; status?: number; body?: unknown; failure?: string };

/** A JSON request from the virtual client at `clientIp`, timed to the end of its body, which is parsed when it is JSON. */
export async function timedRequest(
  url: string,
  clientIp: string,
  init: { method: 'GET' | 'POST'; json?: unknown; timeoutMs: number },
): Promise<TimedResponse> {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const sentAt = performance.now();
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: { [CLIENT_IP_HEADER]: clientIp, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    const text = await response.text();
    const latencyMs = performance.now() - sentAt;
    try {
      return { latencyMs, status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      return { latencyMs, status: response.status, failure: `HTTP ${response.status}, not JSON: ${text.slice(0, 120)}` };
    }
  } catch (error) {
    const failure = `request error: ${describeError(error)}`;
    return { latencyMs: performance.now() - sentAt, failure };
  }
}

/** The error of a response that should have been `expected`, or undefined when it was. */
export function unexpectedStatus(response: TimedResponse, expected: number): string | undefined {
  if (response.failure) return response.failure;
  if (response.status === expected) return undefined;
  return `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 160)}`;
}
