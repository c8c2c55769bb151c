import { answerText, readChunks, type Chunk } from '@/tests/support/sse';
import { describeError } from './report';

/** Name of the header that carries a virtual client's address (the server trusts it through `CLIENT_IP_HEADER`). */
export const CLIENT_IP_HEADER = 'x-bench-client';

/** One run as the client saw it. Times are from the moment its request was sent. */
export type RunOutcome = {
  run: number;
  /** Why the run counts as failed; undefined when it completed. */
  failure?: string;
  /** The response's status line and headers. */
  headersMs?: number;
  /** The first SSE `data:` line. */
  firstEventMs?: number;
  /** The last `text-delta` (the answer's last token). */
  lastTokenMs?: number;
  /** The end of the response body. */
  endMs: number;
  /** Why the engine retried an upstream call, once per retry. */
  retries: string[];
  chunks: Chunk[];
};

/**
 * Sends one `POST /api/moa` and reads its UI message stream to the end, timing the first event and the last answer
 * token as they arrive. The body is serialized by the caller, so that cost is not timed.
 */
export async function timeRun(options: {
  baseUrl: string;
  run: number;
  body: string;
  clientIp: string;
  expectedAnswer: string;
  timeoutMs: number;
}): Promise<RunOutcome> {
  const sentAt = performance.now();
  let headersAt: number | undefined;
  let firstEventAt: number | undefined;
  let lastTokenAt: number | undefined;
  let chunks: Chunk[] = [];
  let failure: string | undefined;
  try {
    const response = await fetch(`${options.baseUrl}/api/moa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: options.clientIp },
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    headersAt = performance.now();
    if (response.status !== 200) {
      failure = `HTTP ${response.status}: ${(await response.text()).slice(0, 160)}`;
    } else {
      ({ chunks } = await readChunks(response, (chunk) => {
        const now = performance.now();
        firstEventAt ??= now;
        if (chunk.type === 'text-delta') lastTokenAt = now;
        return false;
      }));
      failure = judgeStream(chunks, options.expectedAnswer);
    }
  } catch (error) {
    failure = `stream error: ${describeError(error)}`;
  }
  const since = (at: number | undefined) => (at === undefined ? undefined : at - sentAt);
  return {
    run: options.run,
    failure,
    headersMs: since(headersAt),
    firstEventMs: since(firstEventAt),
    lastTokenMs: since(lastTokenAt),
    endMs: performance.now() - sentAt,
    // The engine announces each retry with the agent's part, running again, holding the error that caused it.
    retries: chunks.flatMap((chunk) =>
      chunk.type === 'data-agent' && chunk.data?.status === 'running' && chunk.data?.error
        ? [`${chunk.data.error.code}: ${chunk.data.error.message}`.slice(0, 160)]
        : [],
    ),
    chunks,
  };
}

/** Why a complete stream is not a completed run, or undefined when it is one. */
function judgeStream(chunks: Chunk[], expectedAnswer: string): string | undefined {
  const error = chunks.find((chunk) => chunk.type === 'error');
  if (error) return `error part: ${error.errorText}`;
  const summary = chunks.findLast((chunk) => chunk.type === 'data-summary')?.data;
  if (!summary) return 'no data-summary part';
  if (summary.status !== 'done') return `summary status ${summary.status}${summary.error ? `: ${summary.error.message}` : ''}`;
  if (chunks.at(-1)?.type !== 'finish') return 'the stream ended without a finish part';
  if (answerText(chunks) !== expectedAnswer) return 'the answer differs from the text the aggregator sent';
  return undefined;
}
