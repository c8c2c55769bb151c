/** The same run through both wires, `/api/moa` and `/v1/chat/completions`: the answer's first byte and the overhead. */
import { POST as postChatCompletion } from '@/app/v1/chat/completions/route';
import type { SummaryPart } from '@/lib/protocol/run-parts';
import { MESSAGES, SHAPES, type Shape } from './setup';
import { postRouteRun, routeConfig } from './measure';
import { format, median, progress } from './report';
import { readChunks, readOpenAIEvents } from '@/tests/support/sse';

export interface AnswerTiming {
  /** From the request to the first byte of the answer's text on the wire. */
  firstAnswerByteMs: number;
  /** From the request to the end of the response body. */
  clientWallMs: number;
  criticalPathMs: number;
}

function answerTiming(startedAt: number, firstAnswerByteMs: number, summary: SummaryPart | undefined): AnswerTiming {
  if (summary?.status !== 'done') throw new Error(`A wire comparison run ended "${summary?.status}".`);
  return { firstAnswerByteMs, clientWallMs: performance.now() - startedAt, criticalPathMs: summary.criticalPathMs };
}

export async function measureMoaWire(shape: Shape, seed: number): Promise<AnswerTiming> {
  const startedAt = performance.now();
  const response = await postRouteRun(shape, seed);
  let firstAnswerByteMs = Number.NaN;
  const { chunks } = await readChunks(response, (chunk) => {
    if (Number.isNaN(firstAnswerByteMs) && chunk.type === 'text-delta') firstAnswerByteMs = performance.now() - startedAt;
    return false;
  });
  const summary = chunks.findLast((chunk) => chunk.type === 'data-summary')?.data as SummaryPart | undefined;
  return answerTiming(startedAt, firstAnswerByteMs, summary);
}

export async function measureChatWire(shape: Shape, seed: number): Promise<AnswerTiming> {
  const startedAt = performance.now();
  const response = await postChatCompletion(
    new Request('http://localhost/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'moa',
        messages: MESSAGES,
        seed,
        stream: true,
        stream_options: { include_usage: true },
        moa: { config: routeConfig(shape) },
      }),
    }),
  );
  if (!response.ok || !response.body) throw new Error(`POST /v1/chat/completions answered ${response.status}: ${await response.text()}`);
  let firstAnswerByteMs = Number.NaN;
  const events = await readOpenAIEvents(response.body, (event) => {
    if (Number.isNaN(firstAnswerByteMs) && event !== '[DONE]' && event.choices?.[0]?.delta?.content) {
      firstAnswerByteMs = performance.now() - startedAt;
    }
  });
  const usage = events.findLast((event) => event !== '[DONE]' && event.usage) as { usage: { moa: { summary: SummaryPart } } } | undefined;
  return answerTiming(startedAt, firstAnswerByteMs, usage?.usage.moa.summary);
}

export interface WireRow {
  shape: Shape;
  moa: AnswerTiming[];
  chat: AnswerTiming[];
}

/** Each shape's run through both wires, in turn (the order alternates), with the same seed for both. */
export async function measureWires(runs: number): Promise<WireRow[]> {
  progress('wires warm-up');
  await measureMoaWire(SHAPES[0] as Shape, 0);
  await measureChatWire(SHAPES[0] as Shape, 0);
  const rows: WireRow[] = [];
  for (const shape of SHAPES) {
    progress(`wires ${shape.name}`);
    const row: WireRow = { shape, moa: [], chat: [] };
    for (let run = 1; run <= runs; run += 1) {
      if (run % 2 === 1) {
        row.moa.push(await measureMoaWire(shape, run));
        row.chat.push(await measureChatWire(shape, run));
      } else {
        row.chat.push(await measureChatWire(shape, run));
        row.moa.push(await measureMoaWire(shape, run));
      }
    }
    rows.push(row);
  }
  return rows;
}

export function wireLines(rows: WireRow[]): string[] {
  const firstByte = (timings: AnswerTiming[]) => median(timings.map((timing) => timing.firstAnswerByteMs));
  const overhead = (timings: AnswerTiming[]) => median(timings.map((timing) => timing.clientWallMs / timing.criticalPathMs));
  return rows.map((row) => {
    const moa = firstByte(row.moa);
    const chat = firstByte(row.chat);
    return (
      `Answer's first byte, route ${row.shape.name} (same run and seed, median of ${row.moa.length}): /api/moa ${format(moa)} ms, ` +
      `/v1/chat/completions ${format(chat)} ms (${chat - moa >= 0 ? '+' : ''}${format(chat - moa)} ms); client wall ÷ critical path: ` +
      `/api/moa ${format(overhead(row.moa), 3)}, /v1/chat/completions ${format(overhead(row.chat), 3)}.`
    );
  });
}

