import type { AgentError, AgentPart, LayerPart, RunAgentInfo, SummaryPart } from '@/lib/protocol/run-parts';
import type { ConversationMessage } from '@/lib/protocol/moa-request';
import { mixSeed } from '@/lib/random';
import { systemClock, type Clock } from './clock';
import { planAgents, type MoaConfig, type PlannedAgent } from './config';
import type { MoaEvent } from './events';
import type { GetModel } from './model-handle';
import type { TextMessage } from './model-prompt';
import { buildInstructions } from './prompt';
import { runAgent, type RetryPolicy } from './run-agent';
import { summarizeRun } from './summary';

export interface RunMoAOptions {
  config: MoaConfig;
  /** The conversation; leading system messages become the system prompt. */
  messages: ConversationMessage[];
  getModel: GetModel;
  onEvent: (event: MoaEvent) => void;
  signal?: AbortSignal;
  clock?: Clock;
  /** Uniform in [0, 1); used for retry jitter and for the seed when none is given. */
  random?: () => number;
  /** Makes sampling repeatable where the provider supports seeds (the simulator always does). */
  seed?: number;
  retryDelays?: { baseMs: number; maxMs: number };
}

export type RunOutcome =
  | { status: 'done'; answer: string; summary: SummaryPart }
  | { status: 'error' | 'aborted'; error: AgentError; summary: SummaryPart };

/**
 * The retry policy of one agent of this run. An agent whose answer is its side's only one (the aggregator, a
 * comparison's baseline) also gets one retry after an error that is not retryable in itself.
 */
export function retryPolicy(options: Pick<RunMoAOptions, 'config' | 'retryDelays'>, retryAnyErrorOnce: boolean): RetryPolicy {
  return {
    maxRetries: options.config.maxRetries,
    baseDelayMs: options.retryDelays?.baseMs ?? 500,
    maxDelayMs: options.retryDelays?.maxMs ?? 8_000,
    retryAnyErrorOnce,
  };
}

/** Leading and other system messages become one system prompt (the model's first, system, message). */
export function splitConversation(messages: ConversationMessage[]): { system?: string; messages: TextMessage[] } {
  const system: string[] = [];
  const rest: TextMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') system.push(message.content);
    else rest.push({ role: message.role, content: message.content });
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: rest };
}

/**
 * Runs a Mixture-of-Agents: proposer layers in order, the agents of a layer concurrently, each layer after the
 * first (and the aggregator) given the previous layer's answers through the aggregate-and-synthesize prompt.
 * Reports progress through `onEvent` and resolves with the outcome; it never throws.
 */
export async function runMoA(options: RunMoAOptions): Promise<RunOutcome> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const signal = options.signal ?? new AbortController().signal;
  const seed = options.seed ?? Math.floor(random() * 2 ** 31);
  const conversation = splitConversation(options.messages);
  const plan = planAgents(options.config);
  const runStart = clock.now();
  const agents: AgentPart[] = [];
  const layers: LayerPart[] = [];

  options.onEvent({ type: 'run-start', layers: describePlan(plan, options.getModel) });

  const finishWith = (outcome: Omit<RunOutcome, 'summary'> & { answer?: string; error?: AgentError }): RunOutcome => {
    const summary = summarizeRun({
      status: outcome.status,
      error: outcome.error,
      agents,
      layers,
      wallTimeMs: clock.now() - runStart,
    });
    if (outcome.status === 'done') {
      options.onEvent({ type: 'run-end', answer: outcome.answer ?? '', summary });
      return { status: 'done', answer: outcome.answer ?? '', summary };
    }
    const error = outcome.error ?? { code: 'internal', message: 'The run failed.' };
    options.onEvent({ type: 'run-error', error, summary });
    return { status: outcome.status, error, summary };
  };
  const abortedError = (): AgentError => ({ code: 'aborted', message: 'The run was stopped.' });

  let references: string[] = [];
  for (const layerAgents of plan) {
    const layerNumber = layerAgents[0]?.layer ?? 0;
    const isAggregator = layerAgents[0]?.role === 'aggregator';
    const layerStart = clock.now();
    options.onEvent({
      type: 'layer-start',
      layer: layerNumber,
      startMs: layerStart - runStart,
      agentIds: layerAgents.map((agent) => agent.id),
    });
    const results = await runLayer({
      layerAgents,
      straggler: isAggregator ? undefined : options.config.straggler,
      run: (agent, cutSignal) =>
        runAgent({
          agent,
          messages: conversation.messages,
          instructions: buildInstructions({
            systemPrompt: joinPrompts(conversation.system, agent.spec.systemPrompt),
            references,
          }),
          getModel: options.getModel,
          clock,
          random,
          runStart,
          seed: mixSeed(seed, agent.id),
          timeoutMs: options.config.agentTimeoutMs,
          retry: retryPolicy(options, isAggregator),
          signal,
          cutSignal,
          emit: options.onEvent,
        }),
      clock,
    });
    agents.push(...results);
    const kept = results.filter((agent) => agent.status === 'done');
    const layer = layerRecord(layerNumber, layerStart - runStart, clock.now() - runStart, results);
    layers.push(layer);
    options.onEvent({ type: 'layer-end', layer });

    if (signal.aborted) return finishWith({ status: 'aborted', error: abortedError() });
    if (isAggregator) {
      const answer = kept[0]?.text;
      if (answer !== undefined) return finishWith({ status: 'done', answer });
      const reason = results[0]?.error?.message ?? 'unknown error';
      // A timeout spends the agent's whole time limit, so it leaves no time for the retry.
      const retried = (results[0]?.attempt ?? 1) > 1;
      return finishWith({
        status: 'error',
        error: { code: 'aggregator_failed', message: `The aggregator failed${retried ? ' after a retry' : ''}: ${reason}` },
      });
    }
    if (kept.length === 0) {
      return finishWith({
        status: 'error',
        error: {
          code: 'no_responses',
          message: `Every agent of layer ${layerNumber} failed, so there is nothing to aggregate.`,
        },
      });
    }
    references = kept.map((agent) => agent.text ?? '');
  }
  return finishWith({ status: 'error', error: { code: 'internal', message: 'The run has no aggregator.' } });
}

function joinPrompts(...prompts: (string | undefined)[]): string | undefined {
  const present = prompts.filter((prompt): prompt is string => prompt !== undefined && prompt.length > 0);
  return present.length > 0 ? present.join('\n\n') : undefined;
}

function describePlan(plan: PlannedAgent[][], getModel: GetModel) {
  return plan.map((layerAgents, index) => ({
    layer: index + 1,
    agents: layerAgents.map((agent) => describeAgent(agent, getModel)),
  }));
}

/** What `data-run` says of an agent: its place, role and model. */
export function describeAgent(agent: PlannedAgent, getModel: GetModel): RunAgentInfo {
  const info = tryModelInfo(getModel, agent.spec.model);
  return {
    id: agent.id,
    layer: agent.layer,
    role: agent.role,
    model: agent.spec.model,
    displayName: info?.displayName ?? agent.spec.model,
    provider: info?.provider ?? agent.spec.model.split(':')[0] ?? 'unknown',
    simulated: info?.simulated ?? false,
  };
}

function tryModelInfo(getModel: GetModel, modelId: string) {
  try {
    return getModel(modelId).info;
  } catch {
    return undefined;
  }
}

function layerRecord(layer: number, startMs: number, endMs: number, results: AgentPart[]): LayerPart {
  const count = (status: AgentPart['status']) => results.filter((agent) => agent.status === status).length;
  const keptDurations = results
    .filter((agent) => agent.status === 'done')
    .map((agent) => agent.timings?.durationMs ?? 0);
  const succeeded = count('done');
  return {
    layer,
    status: succeeded > 0 ? 'done' : 'failed',
    startMs,
    endMs,
    succeeded,
    failed: count('failed'),
    cut: count('cut'),
    slowestKeptMs: keptDurations.length > 0 ? Math.max(...keptDurations) : undefined,
  };
}

/**
 * Runs the agents of one layer concurrently. With a straggler policy, once `minResponses` agents have answered
 * and `layerDeadlineMs` has passed, the agents still running are cut.
 */
async function runLayer({
  layerAgents,
  straggler,
  run,
  clock,
}: {
  layerAgents: PlannedAgent[];
  straggler: MoaConfig['straggler'];
  run: (agent: PlannedAgent, cutSignal: AbortSignal) => Promise<AgentPart>;
  clock: Clock;
}): Promise<AgentPart[]> {
  const cut = new AbortController();
  if (!straggler) return Promise.all(layerAgents.map((agent) => run(agent, cut.signal)));

  let answered = 0;
  let deadlinePassed = straggler.layerDeadlineMs === 0;
  const cutIfDue = () => {
    if (deadlinePassed && answered >= straggler.minResponses) cut.abort();
  };
  const deadlineWatch = new AbortController();
  clock
    .sleep(straggler.layerDeadlineMs, deadlineWatch.signal)
    .then(() => {
      deadlinePassed = true;
      cutIfDue();
    })
    .catch(() => undefined);
  try {
    return await Promise.all(
      layerAgents.map(async (agent) => {
        const result = await run(agent, cut.signal);
        if (result.status === 'done') answered += 1;
        cutIfDue();
        return result;
      }),
    );
  } finally {
    deadlineWatch.abort();
  }
}
