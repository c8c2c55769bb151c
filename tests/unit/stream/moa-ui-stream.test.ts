import { describe, expect, it } from 'vitest';
import type { MoaEvent } from '@/lib/moa/events';
import type { RunOutcome } from '@/lib/moa/run-moa';
import { BODY_BATCH_MS, bodyBatchMs, createMoaStreamResponse, MAX_BODY_BATCH_MS } from '@/lib/stream/moa-ui-stream';
import { answerText, readChunks } from '../../support/sse';
import { doneSummary } from '../../support/run-fixtures';

const summary = doneSummary;
const aggregatorInfo = {
  id: 'L2.1',
  layer: 2,
  role: 'aggregator' as const,
  model: 's:a',
  displayName: 'A',
  provider: 'S',
  simulated: true,
};
const proposerInfo = { ...aggregatorInfo, id: 'L1.1', layer: 1, role: 'proposer' as const };

function respond(
  script: (emit: (event: MoaEvent) => void, signal: AbortSignal) => Promise<RunOutcome>,
  keepAliveMs?: number,
) {
  return createMoaStreamResponse({
    runId: 'run-1',
    startedAt: 0,
    requestSignal: new AbortController().signal,
    keepAliveMs,
    run: ({ onEvent, signal }) => script(onEvent, signal),
  });
}

const runStart: MoaEvent = {
  type: 'run-start',
  layers: [
    { layer: 1, agents: [proposerInfo] },
    { layer: 2, agents: [aggregatorInfo] },
  ],
};

describe('createMoaStreamResponse', () => {
  it('starts a fresh text part when the aggregator is retried after text went out', async () => {
    let firstAttemptSeen: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      firstAttemptSeen = resolve;
    });
    const response = respond(async (emit) => {
      emit(runStart);
      emit({ type: 'aggregator-delta', agentId: 'L2.1', attempt: 1, delta: 'broken ans' });
      await gate;
      emit({
        type: 'agent-retry',
        agentId: 'L2.1',
        attempt: 2,
        delayMs: 0,
        error: { code: 'network_error', message: 'cut' },
      });
      emit({ type: 'aggregator-delta', agentId: 'L2.1', attempt: 2, delta: 'whole answer' });
      emit({ type: 'run-end', answer: 'whole answer', summary });
      return { status: 'done', answer: 'whole answer', summary };
    });
    const first = await readChunks(response, (chunk) => chunk.type === 'text-delta');
    firstAttemptSeen();
    const rest = await readChunks(first.reader);
    const chunks = [...first.chunks, ...rest.chunks];
    expect(chunks.filter((chunk) => chunk.type === 'text-start').map((chunk) => chunk.id)).toEqual([
      'answer-1',
      'answer-2',
    ]);
    expect(answerText(chunks)).toBe('whole answer');
    expect(chunks.find((chunk) => chunk.type === 'data-agent' && chunk.data.attempt === 2)?.data).toMatchObject({
      status: 'running',
      error: { code: 'network_error' },
    });
  });

  it('never sends buffered text of an attempt that was retried', async () => {
    const response = respond(async (emit) => {
      emit(runStart);
      emit({ type: 'agent-delta', agentId: 'L1.1', attempt: 1, delta: 'first ' });
      emit({ type: 'agent-delta', agentId: 'L1.1', attempt: 1, delta: 'stale' });
      emit({
        type: 'agent-retry',
        agentId: 'L1.1',
        attempt: 2,
        delayMs: 0,
        error: { code: 'network_error', message: 'cut' },
      });
      emit({ type: 'agent-delta', agentId: 'L1.1', attempt: 2, delta: 'fresh' });
      emit({ type: 'run-end', answer: '', summary });
      return { status: 'done', answer: '', summary };
    });
    const { chunks } = await readChunks(response);
    const deltas = chunks.filter((chunk) => chunk.type === 'data-agent-delta').map((chunk) => chunk.data);
    expect(deltas).toEqual([
      { id: 'L1.1', attempt: 1, offset: 0, delta: 'first ' },
      { id: 'L1.1', attempt: 2, offset: 0, delta: 'fresh' },
    ]);
  });

  it('sends a run error as the summary part and an error chunk, with no stack', async () => {
    const error = { code: 'no_responses' as const, message: 'Every agent of layer 1 failed.' };
    const response = respond(async (emit) => {
      emit(runStart);
      emit({ type: 'run-error', error, summary: { ...summary, status: 'error', error } });
      return { status: 'error', error, summary };
    });
    const { chunks } = await readChunks(response);
    expect(chunks.find((chunk) => chunk.type === 'data-summary')?.data).toMatchObject({ status: 'error', error });
    expect(chunks.find((chunk) => chunk.type === 'error')?.errorText).toBe('Every agent of layer 1 failed.');
  });

  it('keeps the connection alive with SSE comments while nothing happens', async () => {
    let release: () => void = () => undefined;
    const quiet = new Promise<void>((resolve) => {
      release = resolve;
    });
    const response = respond(async (emit) => {
      emit(runStart);
      await quiet;
      emit({ type: 'run-end', answer: '', summary });
      return { status: 'done', answer: '', summary };
    }, 5);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/^:/gm) ?? []).length < 2) text += decoder.decode((await reader.read()).value);
    release();
    await reader.cancel();
    expect((text.match(/^:/gm) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('aborts the run when the response body is cancelled', async () => {
    let seen: AbortSignal | undefined;
    const response = respond(
      (emit, signal) =>
        new Promise((resolve) => {
          seen = signal;
          emit(runStart);
          signal.addEventListener('abort', () =>
            resolve({ status: 'aborted', error: { code: 'aborted', message: '' }, summary }),
          );
        }),
    );
    const { reader } = await readChunks(response, (chunk) => chunk.type === 'data-run');
    await reader.cancel();
    expect(seen?.aborted).toBe(true);
  });

  it('sends its body in fewer pieces while many responses stream at once, and as before once they have ended', async () => {
    expect(bodyBatchMs(1)).toBe(BODY_BATCH_MS);
    expect(bodyBatchMs(10)).toBe(100);
    expect(bodyBatchMs(500)).toBe(MAX_BODY_BATCH_MS);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /** Three proposer deltas written 60 ms apart after a quiet spell; the pieces of body they arrive in. */
    const deltaPieces = async () => {
      const response = respond(async (emit) => {
        emit(runStart);
        // Quiet for longer than any batch after the parts that open the run, so the first delta leaves at once.
        await sleep(2 * MAX_BODY_BATCH_MS + 100);
        for (const delta of ['a', 'b', 'c']) {
          emit({ type: 'agent-delta', agentId: proposerInfo.id, attempt: 1, delta });
          await sleep(60);
        }
        return { status: 'done', answer: '', summary };
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const pieces: string[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = new TextDecoder().decode(value);
        if (text.includes('data-agent-delta')) pieces.push(text.match(/"delta":"(\w)"/g)?.join('') ?? '');
      }
      return pieces;
    };

    // Alone: each delta 60 ms after the last is past the 40 ms batch, and leaves in a piece of its own.
    expect(await deltaPieces()).toEqual(['"delta":"a"', '"delta":"b"', '"delta":"c"']);

    // With 30 other responses open (a 250 ms batch), the later two wait and leave together.
    const releases: (() => void)[] = [];
    const others = Array.from({ length: 30 }, () =>
      respond(() => new Promise((resolve) => releases.push(() => resolve({ status: 'done', answer: '', summary })))),
    );
    expect(await deltaPieces()).toEqual(['"delta":"a"', '"delta":"b""delta":"c"']);

    for (const release of releases) release();
    await Promise.all(others.map((response) => response.text()));
    expect(await deltaPieces()).toEqual(['"delta":"a"', '"delta":"b"', '"delta":"c"']);
  });
});
