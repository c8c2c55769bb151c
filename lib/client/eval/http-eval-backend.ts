import { parseJsonEventStream } from 'ai';
import { z } from 'zod';
import type { EvalBackend } from '@/lib/eval/run/eval-backend';
import { answerTurnSchema, type AnswerTurn } from '@/lib/eval/run/eval-records';
import { EvalHaltError } from '@/lib/eval/run/run-eval';
import { EVAL_REQUEST_HEADER, evalGradeResponseSchema } from '@/lib/protocol/eval-api';
import { judgmentSchema } from '@/lib/protocol/judge';
import { summaryPartSchema } from '@/lib/protocol/run-parts';
import { type RequestError, requestErrorOf } from '../request-error';

/** How long to wait, at most, when the server says this visitor has as many runs going as it may. */
const BUSY_WAIT_CAP_MS = 30_000;

const chunkSchema = z.looseObject({ type: z.string() });

/**
 * An evaluation's calls as the page makes them: MoA turns through `POST /api/moa` (the paper-exact engine on the
 * edge, with every limit and receipt of a chat), single models through `POST /api/eval/answer`, judgments through
 * `POST /api/judge` and grades through `POST /api/eval/grade`, each marked as an evaluation's. A refusal that will not
 * pass by itself (a budget used up, a model not allowed, the server unreachable) halts the evaluation; a visitor's
 * runs-at-once cap is waited out; a judge model that failed is left for a resumed run to try again.
 */
export function createHttpEvalBackend(options: { headers: () => Record<string, string> }): EvalBackend {
  const post = (url: string, body: unknown, signal: AbortSignal) =>
    postWhenFree(url, body, { 'content-type': 'application/json', [EVAL_REQUEST_HEADER]: '1', ...options.headers() }, signal);

  return {
    async answerTurn({ contestant, messages, seed, signal }) {
      if (contestant.kind === 'model') {
        const response = await post('/api/eval/answer', { messages, model: contestant.spec.model, seed }, signal);
        return answerTurnSchema.parse(await response.json());
      }
      const run = contestant.presetId !== undefined ? { preset: contestant.presetId } : { config: contestant.config };
      const response = await post('/api/moa', { messages, ...run, seed }, signal);
      return readMoaTurn(response, signal);
    },
    async comparePair(input, { judgeModel, seed, signal }) {
      const response = await post('/api/judge', { ...input, judgeModel, seed }, signal);
      return judgmentSchema.parse(await response.json());
    },
    async grade(input, { judgeModel, seed, signal }) {
      const response = await post('/api/eval/grade', { ...input, judgeModel, seed }, signal);
      return evalGradeResponseSchema.parse(await response.json());
    },
  };
}

/** POSTs, waiting out `too_many_runs` (as often as it comes, within the server's `Retry-After`). */
async function postWhenFree(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
  for (;;) {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new EvalHaltError('The server could not be reached. Check your connection, then resume.');
    }
    if (response.ok) return response;
    const error = await requestErrorOf(response);
    if (error.code === 'too_many_runs') {
      await pause(Math.min(BUSY_WAIT_CAP_MS, (error.retryAfterSeconds ?? 5) * 1000), signal);
      continue;
    }
    // A judge that failed is worth another try on resume; anything else the server refused stops the evaluation.
    if (error.code === 'upstream_error' && url !== '/api/moa') throw error;
    throw new EvalHaltError(haltMessage(error));
  }
}

function haltMessage(error: RequestError): string {
  if (error.code === 'rate_limited' || error.code === 'budget_exhausted') return `${error.message} Resume once it refills.`;
  return error.message;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * A MoA turn from its UI message stream: the answer is the message's text, the measures are the run's summary (as
 * the engine measured them, so the page's numbers match the command line's). A stream without its summary was cut.
 */
async function readMoaTurn(response: Response, signal: AbortSignal): Promise<AnswerTurn> {
  if (!response.body) throw new EvalHaltError('The server sent an empty answer.');
  const reader = parseJsonEventStream({ stream: response.body, schema: chunkSchema }).getReader();
  let text = '';
  let summary: z.infer<typeof summaryPartSchema> | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value.success) continue;
      const chunk = value.value as { type: string; delta?: string; data?: unknown };
      if (chunk.type === 'text-delta' && typeof chunk.delta === 'string') text += chunk.delta;
      else if (chunk.type === 'data-summary') summary = summaryPartSchema.parse(chunk.data);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw new EvalHaltError('The connection dropped during a run. Resume to ask that question again.');
  }
  if (!summary) throw new EvalHaltError('A run ended before its summary. Resume to ask that question again.');
  const measured = {
    totalMs: summary.wallTimeMs,
    inputTokens: summary.usage.inputTokens,
    outputTokens: summary.usage.outputTokens,
    costUsd: summary.cost,
  };
  if (summary.status === 'done') {
    return { status: 'done', text, ...(summary.answerFirstTokenMs !== undefined ? { timeToFirstTokenMs: summary.answerFirstTokenMs } : {}), ...measured };
  }
  return { status: 'failed', error: summary.error ?? { code: 'internal', message: 'The run failed.' }, ...measured };
}
