import { answerText, readChunks, type Chunk } from '@/tests/support/sse';
import { CLIENT_IP_HEADER, timedRequest } from './http';
import { describeError } from './report';

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

/**
 * The floor under the time to first event: as many `POST /api/moa` at once as there are runs, from the same virtual
 * clients, each with an empty body that the route rejects (400) before any run starts; the times to the end of each
 * response. It also leaves one open keep-alive connection per client, so the runs that follow at once do not time
 * this process opening 100 sockets together.
 */
export async function timeRejectedBurst(baseUrl: string, clientIps: readonly string[], timeoutMs: number): Promise<number[]> {
  const responses = await Promise.all(
    clientIps.map((clientIp) => timedRequest(`${baseUrl}/api/moa`, clientIp, { method: 'POST', json: {}, timeoutMs })),
  );
  const unexpected = responses.find((response) => response.status !== 400);
  if (unexpected) throw new Error(`POST /api/moa with an empty body answered ${unexpected.status ?? unexpected.failure}, not 400`);
  return responses.map((response) => response.latencyMs);
}
