import { describe, expect, it } from 'vitest';
import type { MoaEvent } from '@/lib/moa/events';
import { runDataPartSchemas, type AgentPart, type RunAgentInfo } from '@/lib/protocol/run-parts';
import { createMoaStreamResponse } from '@/lib/stream/moa-ui-stream';
import { doneSummary as summary } from '../../support/run-fixtures';
import { answerText, finalAgentParts, readChunks, type Chunk } from '../../support/sse';

const aggregatorInfo: RunAgentInfo = { id: 'L2.1', layer: 2, role: 'aggregator', model: 's:a', displayName: 'A', provider: 'S', simulated: true };
const proposerInfo: RunAgentInfo = { ...aggregatorInfo, id: 'L1.1', layer: 1, role: 'proposer' };
const baselineInfo: RunAgentInfo = { ...aggregatorInfo, id: 'baseline', layer: 1, role: 'baseline', model: 's:b', simulated: false };

const runStart: MoaEvent = {
  type: 'run-start',
  layers: [
    { layer: 1, agents: [proposerInfo] },
    { layer: 2, agents: [aggregatorInfo] },
  ],
  baseline: baselineInfo,
};

const baselineBase = { id: 'baseline', layer: 1, role: 'baseline' as const, model: 's:b', attempt: 1 };
const baselineRunning: AgentPart = { ...baselineBase, status: 'running', timings: { startMs: 0 } };
const baselineDone: AgentPart = {
  ...baselineBase,
  status: 'done',
  text: 'single answer',
  usage: { inputTokens: 3, outputTokens: 2 },
  cost: 0.001,
  timings: { startMs: 0, firstTokenMs: 5, endMs: 9, durationMs: 9, timeToFirstTokenMs: 5 },
};

function respond(script: (emit: (event: MoaEvent) => void) => Promise<unknown>) {
  return createMoaStreamResponse({
    runId: 'run-1',
    startedAt: 0,
    requestSignal: new AbortController().signal,
    run: ({ onEvent }) => script(onEvent),
  });
}

/** Every data part parses with the schema the client validates it with. */
function expectValidDataParts(chunks: Chunk[]) {
  for (const chunk of chunks.filter((candidate) => candidate.type.startsWith('data-'))) {
    const schema = runDataPartSchemas[chunk.type.slice(5) as keyof typeof runDataPartSchemas];
    expect(schema, chunk.type).toBeDefined();
    expect(schema.safeParse(chunk.data).success, `${chunk.type} ${JSON.stringify(chunk.data)}`).toBe(true);
  }
}

describe('createMoaStreamResponse with a comparison', () => {
  it('names the baseline in the run part, apart from the layers, and sends it as queued', async () => {
    const { chunks } = await readChunks(
      respond(async (emit) => {
        emit(runStart);
        emit({ type: 'run-end', answer: '', summary });
      }),
    );
    const run = chunks.find((chunk) => chunk.type === 'data-run')!;
    expect(run.data.baseline).toEqual(baselineInfo);
    expect(run.data.layers.flatMap((layer: any) => layer.agents.map((agent: any) => agent.id))).toEqual(['L1.1', 'L2.1']);
    expect(run.data.simulated).toBe(true);
    expect(chunks.find((chunk) => chunk.type === 'data-agent' && chunk.id === 'baseline')?.data).toEqual({
      ...baselineBase,
      status: 'queued',
    });
    expectValidDataParts(chunks);
  });

  it('leaves the baseline out of a run part that has none', async () => {
    const { chunks } = await readChunks(
      respond(async (emit) => {
        emit({ type: 'run-start', layers: runStart.layers });
        emit({ type: 'run-end', answer: '', summary });
      }),
    );
    expect(chunks.find((chunk) => chunk.type === 'data-run')?.data).not.toHaveProperty('baseline');
  });

  it('sends the baseline’s tokens as transient agent deltas, never as the answer text', async () => {
    const { chunks } = await readChunks(
      respond(async (emit) => {
        emit(runStart);
        emit({ type: 'agent-start', agent: baselineRunning });
        emit({ type: 'agent-delta', agentId: 'baseline', attempt: 1, delta: 'single ' });
        emit({ type: 'aggregator-delta', agentId: 'L2.1', attempt: 1, delta: 'moa answer' });
        emit({ type: 'agent-delta', agentId: 'baseline', attempt: 1, delta: 'answer' });
        emit({ type: 'agent-end', agent: baselineDone });
        emit({ type: 'run-end', answer: 'moa answer', summary });
      }),
    );
    const deltas = chunks.filter((chunk) => chunk.type === 'data-agent-delta' && chunk.id === 'baseline');
    expect(deltas.every((chunk) => chunk.transient === true)).toBe(true);
    expect(deltas.map((chunk) => chunk.data.delta).join('')).toBe('single answer');
    expect(answerText(chunks)).toBe('moa answer');
    expect(finalAgentParts(chunks).get('baseline')).toEqual(baselineDone);
    expectValidDataParts(chunks);
  });

  it('holds a MoA error until the baseline has finished, and sends finish last', async () => {
    const error = { code: 'no_responses' as const, message: 'Every agent of layer 1 failed.' };
    const { chunks } = await readChunks(
      respond(async (emit) => {
        emit(runStart);
        emit({ type: 'agent-start', agent: baselineRunning });
        emit({ type: 'run-error', error, summary: { ...summary, status: 'error', error } });
        emit({ type: 'agent-delta', agentId: 'baseline', attempt: 1, delta: 'single answer' });
        emit({ type: 'agent-end', agent: baselineDone });
      }),
    );
    const types = chunks.map((chunk) => chunk.type);
    const summaryAt = types.indexOf('data-summary');
    const baselineDoneAt = chunks.findIndex((chunk) => chunk.type === 'data-agent' && chunk.data.status === 'done');
    const errorAt = types.indexOf('error');
    expect(summaryAt).toBeLessThan(baselineDoneAt);
    expect(baselineDoneAt).toBeLessThan(errorAt);
    expect(chunks[errorAt]?.errorText).toBe(error.message);
    expect(types.at(-1)).toBe('finish');
    expect(types.filter((type) => type === 'error')).toHaveLength(1);
  });

  it('sends no error chunk for a stopped run', async () => {
    const error = { code: 'aborted' as const, message: 'The run was stopped.' };
    const { chunks } = await readChunks(
      respond(async (emit) => {
        emit(runStart);
        emit({ type: 'run-error', error, summary: { ...summary, status: 'aborted', error } });
      }),
    );
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
  });

  it('sends the judge as one data-judge part, running then done, before finish', async () => {
    const judged = {
      status: 'done' as const,
      judgeModel: 'simulator:judge',
      simulated: true,
      verdict: 'tie' as const,
      reason: 'The judge called it a tie in both orders.',
      moaScore: 0.5,
      orders: [
        { moaPosition: 'A' as const, verdict: 'tie' as const, preferred: 'tie' as const, reason: 'same' },
        { moaPosition: 'B' as const, verdict: 'tie' as const, preferred: 'tie' as const, reason: 'same' },
      ],
    };
    const { chunks } = await readChunks(
      respond(async (emit) => {
        emit(runStart);
        emit({ type: 'agent-end', agent: baselineDone });
        emit({ type: 'run-end', answer: 'moa answer', summary });
        emit({ type: 'judge-start', judge: { status: 'running', judgeModel: 'simulator:judge', simulated: true } });
        emit({ type: 'judge-end', judge: judged });
      }),
    );
    const judgeParts = chunks.filter((chunk) => chunk.type === 'data-judge');
    expect(judgeParts.map((chunk) => [chunk.id, chunk.data.status])).toEqual([
      ['judge', 'running'],
      ['judge', 'done'],
    ]);
    expect(judgeParts.at(-1)?.data).toEqual(judged);
    expect(chunks.indexOf(judgeParts.at(-1)!)).toBe(chunks.length - 2);
    expect(chunks.at(-1)?.type).toBe('finish');
    expectValidDataParts(chunks);
  });
});
