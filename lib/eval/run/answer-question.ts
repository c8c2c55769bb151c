import type { Clock } from '@/lib/moa/clock';
import type { AgentSpec, MoaConfig } from '@/lib/protocol/moa-config';
import type { GetModel } from '@/lib/moa/model-handle';
import { runAgent } from '@/lib/moa/run-agent';
import { splitConversation } from '@/lib/moa/agent-setup';
import { runMoA } from '@/lib/moa/run-moa';
import type { ConversationMessage } from '@/lib/protocol/moa-request';
import { mixSeed, mulberry32 } from '@/lib/random';
import type { Question } from '../questions/question';
import type { AnswerRecord, AnswerTurn } from './eval-records';

/** A contestant ready to answer: a MoA config, or one model with its sampling settings. */
export type ResolvedContestant =
  | { id: string; kind: 'moa'; config: MoaConfig }
  | { id: string; kind: 'model'; spec: AgentSpec };

/** One model alone samples like a preset's agents: the paper's temperature and the presets' answer length. */
export const SINGLE_MODEL_SAMPLING = { temperature: 0.7, maxOutputTokens: 512 } as const;

const SINGLE_MODEL_TIMEOUT_MS = 60_000;
const ignoreEvent = () => undefined;

/**
 * Asks a contestant every turn of a question, each turn after its own earlier answers, as MT-Bench does. A failed
 * turn ends the question (the next turn would lack its context). Resolves to null when stopped by `signal`, so an
 * interrupted answer is never recorded and a resumed run asks it again.
 */
export async function answerQuestion(options: {
  contestant: ResolvedContestant;
  question: Question;
  getModel: GetModel;
  clock: Clock;
  seed: number;
  signal: AbortSignal;
}): Promise<AnswerRecord | null> {
  const { contestant, question } = options;
  const turns: AnswerTurn[] = [];
  const messages: ConversationMessage[] = [];
  for (const [index, asked] of question.turns.entries()) {
    messages.push({ role: 'user', content: asked });
    const seed = mixSeed(options.seed, `${question.id}/${index}`);
    const turn = contestant.kind === 'moa' ? await moaTurn(options, contestant.config, messages, seed) : await modelTurn(options, contestant.spec, messages, seed);
    if (options.signal.aborted) return null;
    turns.push(turn);
    if (turn.status !== 'done') break;
    messages.push({ role: 'assistant', content: turn.text ?? '' });
  }
  return { type: 'answer', questionId: question.id, contestantId: contestant.id, turns };
}

type TurnOptions = { getModel: GetModel; clock: Clock; signal: AbortSignal };

async function moaTurn(options: TurnOptions, config: MoaConfig, messages: ConversationMessage[], seed: number): Promise<AnswerTurn> {
  const outcome = await runMoA({
    config,
    messages: [...messages],
    getModel: options.getModel,
    onEvent: ignoreEvent,
    signal: options.signal,
    clock: options.clock,
    random: mulberry32(seed),
    seed,
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

async function modelTurn(options: TurnOptions, spec: AgentSpec, messages: ConversationMessage[], seed: number): Promise<AnswerTurn> {
  const runStart = options.clock.now();
  const agent = await runAgent({
    agent: { id: 'baseline', layer: 1, index: 1, role: 'baseline', spec },
    messages: splitConversation(messages).messages,
    instructions: undefined,
    getModel: options.getModel,
    clock: options.clock,
    random: mulberry32(seed),
    runStart,
    seed,
    timeoutMs: SINGLE_MODEL_TIMEOUT_MS,
    // Like a comparison's baseline: its answer is its side's only one, so it gets one retry after any error.
    retry: { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, retryAnyErrorOnce: true },
    signal: options.signal,
    cutSignal: new AbortController().signal,
    emit: ignoreEvent,
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
