import { gradeAnswer } from '@/lib/judge/grade-answer';
import { judgePair } from '@/lib/judge/run-judge';
import { splitConversation } from '@/lib/moa/agent-setup';
import { systemClock, type Clock } from '@/lib/moa/clock';
import type { GetModel } from '@/lib/moa/model-handle';
import { runAgent } from '@/lib/moa/run-agent';
import { runMoA } from '@/lib/moa/run-moa';
import type { AgentSpec, MoaConfig } from '@/lib/protocol/moa-config';
import type { ConversationMessage } from '@/lib/protocol/moa-request';
import { mulberry32 } from '@/lib/random';
import type { EvalBackend, ModelDirectory } from './eval-backend';
import type { AnswerTurn } from './eval-records';

const SINGLE_MODEL_TIMEOUT_MS = 60_000;
const ignoreEvent = () => undefined;

type TurnOptions = {
  getModel: GetModel;
  clock: Clock;
  messages: ConversationMessage[];
  seed: number;
  signal: AbortSignal;
};

/** A MoA's answer to the conversation's last turn: one paper-exact run of the engine. */
export async function moaTurn(options: TurnOptions & { config: MoaConfig }): Promise<AnswerTurn> {
  const outcome = await runMoA({
    config: options.config,
    messages: options.messages,
    getModel: options.getModel,
    onEvent: ignoreEvent,
    signal: options.signal,
    clock: options.clock,
    random: mulberry32(options.seed),
    seed: options.seed,
  });
  const { summary } = outcome;
  const measured = {
    totalMs: summary.wallTimeMs,
    inputTokens: summary.usage.inputTokens,
    outputTokens: summary.usage.outputTokens,
    costUsd: summary.cost,
  };
  if (outcome.status === 'done') {
    return { status: 'done', text: outcome.answer, timeToFirstTokenMs: summary.answerFirstTokenMs, ...measured };
  }
  return { status: 'failed', error: outcome.error, ...measured };
}

/** One model's answer to the conversation's last turn, with a comparison baseline's retries. */
export async function modelTurn(
  options: TurnOptions & { spec: AgentSpec; emit?: Parameters<typeof runAgent>[0]['emit'] },
): Promise<AnswerTurn> {
  const runStart = options.clock.now();
  const agent = await runAgent({
    agent: { id: 'baseline', layer: 1, index: 1, role: 'baseline', spec: options.spec },
    messages: splitConversation(options.messages).messages,
    instructions: undefined,
    getModel: options.getModel,
    clock: options.clock,
    random: mulberry32(options.seed),
    runStart,
    seed: options.seed,
    timeoutMs: SINGLE_MODEL_TIMEOUT_MS,
    // Like a comparison's baseline: its answer is its side's only one, so it gets one retry after any error.
    retry: { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, retryAnyErrorOnce: true },
    signal: options.signal,
    cutSignal: new AbortController().signal,
    emit: options.emit ?? ignoreEvent,
  });
  const measured = {
    totalMs: agent.timings?.durationMs ?? options.clock.now() - runStart,
    inputTokens: agent.usage?.inputTokens ?? 0,
    outputTokens: agent.usage?.outputTokens ?? 0,
    costUsd: agent.cost ?? 0,
  };
  if (agent.status === 'done') {
    return { status: 'done', text: agent.text ?? '', timeToFirstTokenMs: agent.timings?.firstTokenMs, ...measured };
  }
  return { status: 'failed', error: agent.error ?? { code: 'internal', message: 'The model failed.' }, ...measured };
}

/**
 * The engine and judge in this process, through one model seam: what `npm run eval`, the benchmark and the tests
 * run on. `models` reads prices and the simulated flag from the same seam.
 */
export function inProcessEval(
  getModel: GetModel,
  clock: Clock = systemClock,
): { backend: EvalBackend; models: ModelDirectory } {
  return {
    models: getModel,
    backend: {
      answerTurn: ({ contestant, messages, seed, signal }) =>
        contestant.kind === 'moa'
          ? moaTurn({ getModel, clock, messages, seed, signal, config: contestant.config })
          : modelTurn({ getModel, clock, messages, seed, signal, spec: contestant.spec }),
      comparePair: (input, { judgeModel, seed, signal }) => judgePair(getModel(judgeModel), input, { seed, signal }),
      grade: (input, { judgeModel, seed, signal }) => gradeAnswer(getModel(judgeModel), input, { seed, signal }),
    },
  };
}
