import type { Judge } from './comparison-judge';
import type { AgentPart, JudgePart } from '@/lib/protocol/run-parts';
import { BASELINE_AGENT_ID } from '@/lib/protocol/run-parts';
import { systemClock } from './clock';
import type { AgentSpec } from '@/lib/protocol/moa-config';
import type { PlannedAgent } from './config';
import type { MoaEvent } from './events';
import { classifyFailure } from './failure';
import { mixSeed } from '@/lib/random';
import { describeAgent, retryPolicy, splitConversation } from './agent-setup';
import { runMoA, type RunMoAOptions, type RunOutcome } from './run-moa';
import { runAgent } from './run-agent';

export interface RunComparisonOptions extends RunMoAOptions {
  /**
   * The single model run beside the MoA. Its sampling settings default to the aggregator's; it never gets the
   * aggregator's own system prompt, only the conversation's.
   */
  baseline: { model: string; temperature?: number; maxOutputTokens?: number };
  /** Compares the two answers once both are in; its verdict is reported, never allowed to fail the run. */
  judge?: Judge;
  /**
   * Called once both sides have ended, whatever their outcome, before the judge; awaited, so what it reports (a
   * comparison receipt, say) comes before the judge's events.
   */
  onSidesEnded?: (sides: { moa: RunOutcome; baseline: AgentPart }) => Promise<void>;
}

export interface ComparisonOutcome {
  moa: RunOutcome;
  baseline: AgentPart;
  judge?: JudgePart;
}

/**
 * Runs a MoA and, concurrently, one model alone on the same conversation: the baseline, an agent with the id
 * `baseline` and the role `baseline`, reported with the same agent events as the MoA's agents. The two are
 * independent: either may fail or be slow without stopping or failing the other, while the run's signal stops
 * both. Resolves once both have ended (then the judge, if any, has spoken); never throws.
 *
 * `run-start` carries the baseline, and comes before any baseline event: the baseline starts once the MoA has
 * announced its plan.
 */
export async function runComparison(options: RunComparisonOptions): Promise<ComparisonOutcome> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const signal = options.signal ?? new AbortController().signal;
  const seed = options.seed ?? Math.floor(random() * 2 ** 31);
  const aggregator = options.config.aggregator;
  const spec: AgentSpec = {
    model: options.baseline.model,
    temperature: options.baseline.temperature ?? aggregator.temperature,
    maxOutputTokens: options.baseline.maxOutputTokens ?? aggregator.maxOutputTokens,
  };
  const agent: PlannedAgent = { id: BASELINE_AGENT_ID, layer: 1, index: 1, role: 'baseline', spec };
  const baselineInfo = describeAgent(agent, options.getModel);

  let announce: () => void = () => undefined;
  const announced = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const runStart = clock.now();
  const moa = runMoA({
    ...options,
    clock,
    random,
    signal,
    seed,
    onEvent: (event: MoaEvent) => {
      if (event.type !== 'run-start') return options.onEvent(event);
      options.onEvent({ ...event, baseline: baselineInfo });
      announce();
    },
  });
  // `runMoA` announces its plan before its first await; the race only guards against a run that never does.
  await Promise.race([announced, moa]);

  const conversation = splitConversation(options.messages);
  const baseline = runAgent({
    agent,
    messages: conversation.messages,
    instructions: conversation.system,
    getModel: options.getModel,
    clock,
    random,
    runStart,
    seed: mixSeed(seed, agent.id),
    timeoutMs: options.config.agentTimeoutMs,
    // Like the aggregator, the baseline is its side's only answer.
    retry: retryPolicy(options, true),
    signal,
    cutSignal: new AbortController().signal,
    emit: options.onEvent,
  });

  const [moaOutcome, baselineAgent] = await Promise.all([moa, baseline]);
  const outcome: ComparisonOutcome = { moa: moaOutcome, baseline: baselineAgent };
  await options.onSidesEnded?.({ moa: moaOutcome, baseline: baselineAgent });
  if (!options.judge || signal.aborted) return outcome;
  outcome.judge = await judgeAnswers(options, options.judge, moaOutcome, baselineAgent, signal, clock.wallTime());
  return outcome;
}

async function judgeAnswers(
  options: RunComparisonOptions,
  judge: Judge,
  moa: RunOutcome,
  baseline: AgentPart,
  signal: AbortSignal,
  nowEpochMs: number,
): Promise<JudgePart> {
  const base = { judgeModel: judge.model, simulated: judge.simulated };
  const skip = (reason: string): JudgePart => {
    const skipped: JudgePart = { ...base, status: 'skipped', reason };
    options.onEvent({ type: 'judge-end', judge: skipped });
    return skipped;
  };
  if (moa.status !== 'done') return skip('The MoA run did not produce an answer, so there is nothing to judge.');
  if (baseline.status !== 'done' || baseline.text === undefined) {
    return skip('The single model did not produce an answer, so there is nothing to judge.');
  }
  const question = options.messages.findLast((message) => message.role === 'user')?.content;
  if (question === undefined) return skip('The conversation has no user message to judge the answers against.');

  options.onEvent({ type: 'judge-start', judge: { ...base, status: 'running' } });
  let result: JudgePart;
  try {
    const judgment = await judge.judge({ question, moaAnswer: moa.answer, baselineAnswer: baseline.text }, signal);
    result = {
      ...base,
      status: 'done',
      verdict: judgment.verdict,
      reason: judgment.reason,
      orders: judgment.orders,
      moaScore: judgment.moaScore,
    };
  } catch (error) {
    const failure = classifyFailure(error, nowEpochMs).error;
    result = {
      ...base,
      status: 'failed',
      error: signal.aborted ? { code: 'aborted', message: 'The run was stopped.' } : failure,
    };
  }
  options.onEvent({ type: 'judge-end', judge: result });
  return result;
}
