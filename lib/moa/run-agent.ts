import type { LanguageModelV4, SharedV4ProviderOptions } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import type { AgentError, AgentPart, Usage } from '@/lib/protocol/run-parts';
import type { Clock } from './clock';
import type { PlannedAgent } from './config';
import type { MoaEvent } from './events';
import { AgentStopReason, classifyFailure, EmptyResponseError } from './failure';
import { costOf, type GetModel, type ModelInfo } from './model-handle';
import { toModelPrompt, type TextMessage } from './model-prompt';
import { linkAbort } from './signals';
import { estimateTokens } from '@/lib/tokens';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The aggregator also gets one retry after an error that is not retryable in itself (e.g. a stream cut). */
  retryAnyErrorOnce: boolean;
}

export interface RunAgentOptions {
  agent: PlannedAgent;
  messages: TextMessage[];
  instructions: string | undefined;
  getModel: GetModel;
  clock: Clock;
  random: () => number;
  /** Clock reading at the start of the run; timings are offsets from it. */
  runStart: number;
  seed: number;
  timeoutMs: number;
  retry: RetryPolicy;
  /** The run's signal: aborting it stops the agent as "aborted". */
  signal: AbortSignal;
  /** The layer's straggler cut: aborting it stops the agent as "cut". */
  cutSignal: AbortSignal;
  emit: (event: MoaEvent) => void;
  /** Passed to every model call, e.g. the caller's end-user id for the providers' abuse monitoring. */
  providerOptions?: SharedV4ProviderOptions;
}

interface AttemptResult {
  text: string;
  usage: Usage;
  finishReason: string;
  firstTokenAt: number;
}

/** What an attempt has received so far, kept when it fails: what the provider bills for it. */
interface AttemptProgress {
  text: string;
  /** Usage the provider reported, when the stream got as far as its end. */
  usage?: Usage;
}

function promptTokens(options: RunAgentOptions): number {
  let total = estimateTokens(options.instructions ?? '');
  for (const message of options.messages) total += estimateTokens(message.content);
  return total;
}

/**
 * What a failed attempt is billed: providers charge the prompt and every token they generated, whether the call
 * ended well, was cut, timed out or was stopped. Only a call the provider refused outright (an error status, or no
 * connection at all) before sending any text costs nothing.
 */
function billedUsage(options: RunAgentOptions, progress: AttemptProgress, error: unknown): Usage {
  if (progress.usage) return progress.usage;
  // A 2xx status on a call error means the response had begun (and broke off): that one is billed.
  const refused = APICallError.isInstance(error) && (error.statusCode === undefined || error.statusCode >= 400);
  if (progress.text.length === 0 && refused) return { inputTokens: 0, outputTokens: 0 };
  return { inputTokens: promptTokens(options), outputTokens: estimateTokens(progress.text) };
}

const addUsage = (a: Usage, b: Usage): Usage => ({ inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens });

/**
 * Runs one agent to a final state (`done`, `failed` or `cut`), with its own timeout and retries, emitting
 * `agent-start`, deltas, `agent-retry` and `agent-end`/`agent-error`. It never throws.
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentPart> {
  const { agent, clock, emit } = options;
  const controller = new AbortController();
  const unlinkRun = linkAbort(options.signal, controller, () => new AgentStopReason('aborted'));
  const unlinkCut = linkAbort(options.cutSignal, controller, () => new AgentStopReason('cut'));
  // An agent whose answer is its side's only one (the aggregator, a baseline) has its time limit per attempt, so a
  // hung first attempt still leaves time for its one retry; any other agent has one limit over all its attempts.
  const limitPerAttempt = options.retry.retryAnyErrorOnce;
  const wholeLimit = limitPerAttempt ? undefined : timeLimit(controller.signal, options);

  const startedAt = clock.now();
  const base = { id: agent.id, layer: agent.layer, role: agent.role, model: agent.spec.model };
  let info: ModelInfo | undefined;
  let attempt = 1;
  // Usage billed by attempts that failed, so the agent's cost is what every attempt cost, not just the last one.
  let billedBefore: Usage = { inputTokens: 0, outputTokens: 0 };
  try {
    const handle = options.getModel(agent.spec.model);
    info = handle.info;
    for (;;) {
      emit({
        type: 'agent-start',
        agent: { ...base, status: 'running', attempt, timings: { startMs: startedAt - options.runStart } },
      });
      const limit = wholeLimit ?? timeLimit(controller.signal, options);
      const progress: AttemptProgress = { text: '' };
      try {
        const result = await streamAttempt(options, handle.model, limit.signal, attempt, progress);
        return finish(options, base, attempt, startedAt, info, result, billedBefore);
      } catch (error) {
        const stopReason = limit.signal.aborted ? limit.signal.reason : undefined;
        const failure = classifyFailure(stopReason ?? error, clock.wallTime());
        billedBefore = addUsage(billedBefore, billedUsage(options, progress, stopReason ?? error));
        const spent = { usage: billedBefore, cost: costOf(info, billedBefore) };
        const delayMs = controller.signal.aborted
          ? undefined
          : retryDelay(options, attempt, failure, limitPerAttempt ? clock.now() : startedAt);
        if (delayMs === undefined || (!limitPerAttempt && stopReason !== undefined)) {
          return fail(options, base, attempt, startedAt, failure.error, stopReason, spent);
        }
        emit({ type: 'agent-retry', agentId: agent.id, attempt: attempt + 1, delayMs, error: failure.error });
        await clock.sleep(delayMs, limitPerAttempt ? controller.signal : limit.signal).catch(() => undefined);
        const stopped = limitPerAttempt ? controller.signal : limit.signal;
        if (stopped.aborted) return fail(options, base, attempt, startedAt, failure.error, stopped.reason, spent);
        attempt += 1;
      } finally {
        if (limitPerAttempt) limit.dispose();
      }
    }
  } catch (error) {
    // getModel threw: the model id cannot be resolved.
    const message = error instanceof Error ? error.message : 'Unknown model.';
    return fail(options, base, attempt, startedAt, { code: 'unknown_model', message }, undefined);
  } finally {
    wholeLimit?.dispose();
    unlinkRun();
    unlinkCut();
  }
}

/** A signal that follows `parent` and also aborts as "timeout" once the agent's time limit has passed. */
function timeLimit(parent: AbortSignal, options: RunAgentOptions): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const unlink = linkAbort(parent, controller, () => parent.reason);
  const timer = new AbortController();
  options.clock
    .sleep(options.timeoutMs, timer.signal)
    .then(() => controller.abort(new AgentStopReason('timeout')))
    .catch(() => undefined);
  return {
    signal: controller.signal,
    dispose: () => {
      timer.abort();
      unlink();
    },
  };
}

/** How long to wait before the next attempt, or undefined when there should be none. */
function retryDelay(
  options: RunAgentOptions,
  attempt: number,
  failure: ReturnType<typeof classifyFailure>,
  startedAt: number,
): number | undefined {
  const { retry } = options;
  const retriesUsed = attempt - 1;
  const maxRetries = retry.retryAnyErrorOnce ? Math.max(1, retry.maxRetries) : retry.maxRetries;
  if (retriesUsed >= maxRetries) return undefined;
  const allowed = failure.retryable || (retry.retryAnyErrorOnce && retriesUsed === 0);
  if (!allowed) return undefined;
  const exponential = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retriesUsed);
  // Equal jitter (half the delay fixed, half random) spreads retries of concurrent agents hitting the same rate limit.
  const delay = failure.retryAfterMs ?? exponential / 2 + (options.random() * exponential) / 2;
  const elapsed = options.clock.now() - startedAt;
  // A Retry-After longer than the time this agent has left cannot help.
  if (delay > options.timeoutMs - elapsed) return undefined;
  return Math.round(delay);
}

/**
 * One model call. When it fails, its request is aborted: reading stops at an `error` part, but the provider's
 * response goes on streaming (and billing) until the call is aborted, since leaving the loop does not cancel it.
 */
async function streamAttempt(
  options: RunAgentOptions,
  model: LanguageModelV4,
  abortSignal: AbortSignal,
  attempt: number,
  progress: AttemptProgress,
): Promise<AttemptResult> {
  const call = new AbortController();
  const unlink = linkAbort(abortSignal, call, () => abortSignal.reason);
  try {
    return await readAttempt(options, model, abortSignal, call.signal, attempt, progress);
  } catch (error) {
    call.abort(error);
    // A stopped call's own error (the fetch's AbortError) says nothing: the stop's reason does.
    throw abortSignal.aborted ? abortSignal.reason : error;
  } finally {
    unlink();
  }
}

/**
 * Reads the model's own stream (`doStream`, the provider-neutral call every AI SDK provider implements) rather than
 * `streamText`'s, which adds several stream stages and an object per part for tools, steps and callbacks an agent
 * never uses. The mapping is `streamText`'s: the same prompt (`toModelPrompt`), a thrown or `error`-part failure
 * surfaces as the provider's own error, and usage and finish reason are the `finish` part's.
 */
async function readAttempt(
  options: RunAgentOptions,
  model: LanguageModelV4,
  abortSignal: AbortSignal,
  callSignal: AbortSignal,
  attempt: number,
  progress: AttemptProgress,
): Promise<AttemptResult> {
  const { agent, clock, emit } = options;
  const { stream } = await model.doStream({
    prompt: toModelPrompt(options.instructions, options.messages),
    temperature: agent.spec.temperature,
    maxOutputTokens: agent.spec.maxOutputTokens,
    // A new seed per attempt: a seeded provider would otherwise repeat the same failure.
    seed: options.seed + attempt - 1,
    abortSignal: callSignal,
    providerOptions: options.providerOptions,
  });
  const deltaType = agent.role === 'aggregator' ? 'aggregator-delta' : 'agent-delta';
  const reader = stream.getReader();
  let firstTokenAt: number | undefined;
  let finishReason = 'unknown';
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      if (part.type === 'text-delta') {
        if (part.delta.length === 0) continue;
        firstTokenAt ??= clock.now();
        progress.text += part.delta;
        emit({ type: deltaType, agentId: agent.id, attempt, delta: part.delta });
      } else if (part.type === 'error') {
        throw part.error;
      } else if (part.type === 'finish') {
        finishReason = part.finishReason.unified;
        progress.usage = {
          inputTokens: part.usage.inputTokens.total ?? promptTokens(options),
          outputTokens: part.usage.outputTokens.total ?? estimateTokens(progress.text),
        };
      }
    }
  } catch (error) {
    // Stop reading, so the provider's stages behind the reader wind down now rather than when the response ends.
    reader.cancel(error).catch(() => undefined);
    throw error;
  }
  if (abortSignal.aborted) throw abortSignal.reason;
  if (progress.text.trim().length === 0 || firstTokenAt === undefined) throw new EmptyResponseError();
  return {
    text: progress.text,
    firstTokenAt,
    finishReason,
    usage: progress.usage ?? { inputTokens: promptTokens(options), outputTokens: estimateTokens(progress.text) },
  };
}

type AgentBase = Pick<AgentPart, 'id' | 'layer' | 'role' | 'model'>;

function finish(
  options: RunAgentOptions,
  base: AgentBase,
  attempt: number,
  startedAt: number,
  info: ModelInfo,
  result: AttemptResult,
  billedBefore: Usage,
): AgentPart {
  const endedAt = options.clock.now();
  const streamingSeconds = (endedAt - result.firstTokenAt) / 1000;
  const agent: AgentPart = {
    ...base,
    status: 'done',
    attempt,
    text: result.text,
    usage: result.usage,
    cost: costOf(info, addUsage(result.usage, billedBefore)),
    finishReason: result.finishReason,
    timings: {
      startMs: startedAt - options.runStart,
      firstTokenMs: result.firstTokenAt - options.runStart,
      endMs: endedAt - options.runStart,
      durationMs: endedAt - startedAt,
      timeToFirstTokenMs: result.firstTokenAt - startedAt,
      tokensPerSecond: streamingSeconds > 0 ? result.usage.outputTokens / streamingSeconds : undefined,
    },
  };
  options.emit({ type: 'agent-end', agent });
  return agent;
}

function fail(
  options: RunAgentOptions,
  base: AgentBase,
  attempt: number,
  startedAt: number,
  error: AgentError,
  stopReason: unknown,
  spent?: { usage: Usage; cost: number },
): AgentPart {
  const endedAt = options.clock.now();
  const cut = stopReason instanceof AgentStopReason && stopReason.kind === 'cut';
  const agent: AgentPart = {
    ...base,
    status: cut ? 'cut' : 'failed',
    attempt,
    error,
    ...(spent && spent.cost > 0 ? spent : {}),
    timings: { startMs: startedAt - options.runStart, endMs: endedAt - options.runStart, durationMs: endedAt - startedAt },
  };
  options.emit({ type: 'agent-error', agent });
  return agent;
}
