import { fnv1a } from '@/lib/random';
import { SIMULATOR_PROVIDER } from '@/lib/protocol/model-id';
import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4FinishReason,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
  type LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { systemClock, type Clock } from '@/lib/moa/clock';
import { composeJudgment, rememberAuthor, type JudgePreference } from './simulator-judge';
import { readPrompt } from './simulator-prompt';
import { composeAnswer, tokenize } from './simulator-prose';
import { createRandom, type Random } from './simulator-random';

/** How a simulated model behaves in time and whether it fails. */
export interface SimulatorProfile {
  /** Delay in milliseconds before the first text delta. */
  firstTokenMs: number;
  /** Pacing of the deltas after the first; `Infinity` streams them without waiting. */
  tokensPerSecond: number;
  /** 0..1, relative random variation of every delay (deterministic from the seed). */
  jitter: number;
  /** What goes wrong on a failing call. */
  failure: 'none' | 'before-stream' | 'mid-stream' | 'hang';
  /** 0..1, probability (deterministic from the seed) that `failure` happens on a call; 1 = always. */
  failureRate: number;
}

/** Realistic-looking but fast: about 350 ms to the first token, then 90 tokens per second. */
export const defaultSimulatorProfile: SimulatorProfile = {
  firstTokenMs: 350,
  tokensPerSecond: 90,
  jitter: 0.25,
  failure: 'none',
  failureRate: 0,
};

/**
 * A simulated provider failure. It is an `APICallError`, so the AI SDK's own retry logic (`maxRetries`) treats it
 * like a real HTTP failure:
 * - `before-stream`: status 503, retryable (an overloaded provider refusing the request).
 * - `mid-stream`: status 502, not retryable, because part of the answer has already been delivered and repeating
 *   the call would duplicate it; whether to retry is the caller's decision.
 */
export class SimulatedFailureError extends APICallError {
  /** Which simulated failure this is. */
  readonly failure: 'before-stream' | 'mid-stream';

  constructor({ failure, modelId }: { failure: 'before-stream' | 'mid-stream'; modelId: string }) {
    const beforeStream = failure === 'before-stream';
    super({
      message: beforeStream
        ? `Simulated model "${modelId}" is overloaded (simulated 503 before streaming).`
        : `Simulated model "${modelId}" dropped the connection mid-stream (simulated 502).`,
      url: `${SIMULATOR_PROVIDER}://${modelId}`,
      requestBodyValues: undefined,
      statusCode: beforeStream ? 503 : 502,
      isRetryable: beforeStream,
    });
    this.name = 'SimulatedFailureError';
    this.failure = failure;
  }
}

/**
 * Creates an in-process language model that needs no API key. Its answer, timings and failure decision are
 * deterministic in (modelId, `seed` call option, prompt); every wait goes through `clock` and stops once the call's
 * abort signal fires.
 */
export function createSimulatedModel(options: {
  modelId: string;
  displayName?: string;
  profile?: Partial<SimulatorProfile>;
  clock?: Clock;
  judgePreference?: JudgePreference;
}): LanguageModelV4 {
  const profile: SimulatorProfile = { ...defaultSimulatorProfile, ...options.profile };
  validateProfile(profile);
  const settings: ModelSettings = {
    modelId: options.modelId,
    displayName: options.displayName ?? options.modelId,
    profile,
    clock: options.clock ?? systemClock,
    judgePreference: options.judgePreference,
  };
  return {
    specificationVersion: 'v4',
    provider: SIMULATOR_PROVIDER,
    modelId: options.modelId,
    supportedUrls: {},
    doGenerate: (callOptions) => generate(settings, callOptions),
    doStream: (callOptions) => stream(settings, callOptions),
  };
}

interface ModelSettings {
  modelId: string;
  displayName: string;
  profile: SimulatorProfile;
  clock: Clock;
  judgePreference?: JudgePreference;
}

/** Everything one call will do, decided up front from the seeded random streams. */
interface CallPlan {
  responseId: string;
  tokens: string[];
  finishReason: LanguageModelV4FinishReason;
  usage: LanguageModelV4Usage;
  failure: SimulatorProfile['failure'];
  /** Draws jittered delays; stateful, so delays are consumed in call order. */
  delays: DelayPlanner;
}

function validateProfile(profile: SimulatorProfile): void {
  const checks: Array<[boolean, string]> = [
    [profile.firstTokenMs >= 0, 'firstTokenMs must be at least 0'],
    [profile.tokensPerSecond > 0, 'tokensPerSecond must be greater than 0'],
    [profile.jitter >= 0 && profile.jitter <= 1, 'jitter must be between 0 and 1'],
    [profile.failureRate >= 0 && profile.failureRate <= 1, 'failureRate must be between 0 and 1'],
  ];
  for (const [valid, message] of checks) {
    if (!valid) throw new RangeError(`Invalid simulator profile: ${message}.`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------------------------

async function generate(
  settings: ModelSettings,
  callOptions: LanguageModelV4CallOptions,
): Promise<LanguageModelV4GenerateResult> {
  const plan = planCall(settings, callOptions);
  const signal = callOptions.abortSignal;
  if (plan.failure === 'hang') await waitForAbort(signal);
  await settings.clock.sleep(plan.delays.firstToken(), signal);
  if (plan.failure === 'before-stream' || plan.failure === 'mid-stream') {
    throw new SimulatedFailureError({ failure: plan.failure, modelId: settings.modelId });
  }
  return {
    content: [{ type: 'text', text: plan.tokens.join('') }],
    finishReason: plan.finishReason,
    usage: plan.usage,
    response: responseMetadata(settings, plan),
    warnings: [],
  };
}

async function stream(
  settings: ModelSettings,
  callOptions: LanguageModelV4CallOptions,
): Promise<LanguageModelV4StreamResult> {
  const plan = planCall(settings, callOptions);
  const callSignal = callOptions.abortSignal;
  if (plan.failure === 'before-stream') {
    await settings.clock.sleep(plan.delays.firstToken(), callSignal);
    throw new SimulatedFailureError({ failure: 'before-stream', modelId: settings.modelId });
  }
  return { stream: createPartStream(settings, plan, callSignal) };
}

/**
 * Pushes the planned parts on the clock's schedule, like a network stream would, rather than waiting for reads.
 * Cancelling the stream aborts the pending wait so no timer outlives the reader.
 */
function createPartStream(
  settings: ModelSettings,
  plan: CallPlan,
  callSignal: AbortSignal | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  const lifetime = new AbortController();
  const forwardAbort = () => lifetime.abort(callSignal?.reason);
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      if (callSignal?.aborted) forwardAbort();
      else callSignal?.addEventListener('abort', forwardAbort, { once: true });
      const emit = (part: LanguageModelV4StreamPart) => {
        lifetime.signal.throwIfAborted();
        controller.enqueue(part);
      };
      const close = () => {
        try {
          controller.close();
        } catch {
          // The reader cancelled between the last part and the close; there is nothing left to close.
        }
      };
      void emitParts(settings, plan, emit, lifetime.signal)
        .then(close, (error: unknown) => {
          // After a cancel the reader is gone; after an abort the stream must end with the abort reason.
          if (!lifetime.signal.aborted || callSignal?.aborted) controller.error(error);
        })
        .finally(() => callSignal?.removeEventListener('abort', forwardAbort));
    },
    cancel(reason) {
      lifetime.abort(reason);
    },
  });
}

async function emitParts(
  settings: ModelSettings,
  plan: CallPlan,
  emit: (part: LanguageModelV4StreamPart) => void,
  signal: AbortSignal,
): Promise<void> {
  const { clock } = settings;
  emit({ type: 'stream-start', warnings: [] });
  if (plan.failure === 'hang') await waitForAbort(signal);
  await clock.sleep(plan.delays.firstToken(), signal);
  emit({ type: 'response-metadata', ...responseMetadata(settings, plan) });
  emit({ type: 'text-start', id: TEXT_ID });

  const failing = plan.failure === 'mid-stream';
  const tokens = failing ? plan.tokens.slice(0, Math.floor(plan.tokens.length / 2)) : plan.tokens;
  const [firstToken, ...laterTokens] = tokens;
  if (firstToken !== undefined) emit({ type: 'text-delta', id: TEXT_ID, delta: firstToken });
  for (const batch of batchTokens(laterTokens, plan.delays.tokensPerTick)) {
    await clock.sleep(plan.delays.tick(batch.length), signal);
    for (const token of batch) emit({ type: 'text-delta', id: TEXT_ID, delta: token });
  }

  if (failing) {
    // The connection drops when the next token was due.
    await clock.sleep(plan.delays.tick(1), signal);
    emit({ type: 'error', error: new SimulatedFailureError({ failure: 'mid-stream', modelId: settings.modelId }) });
    return;
  }
  emit({ type: 'text-end', id: TEXT_ID });
  emit({ type: 'finish', usage: plan.usage, finishReason: plan.finishReason });
}

const TEXT_ID = 'txt-0';

function batchTokens(tokens: readonly string[], size: number): string[][] {
  const batches: string[][] = [];
  for (let start = 0; start < tokens.length; start += size) batches.push(tokens.slice(start, start + size));
  return batches;
}

/** Resolves never; rejects with the signal's reason once it aborts. */
function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function responseMetadata(settings: ModelSettings, plan: CallPlan) {
  return { id: plan.responseId, modelId: settings.modelId, timestamp: new Date(settings.clock.wallTime()) };
}

// ---------------------------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------------------------

function planCall(settings: ModelSettings, callOptions: LanguageModelV4CallOptions): CallPlan {
  const { modelId, displayName, profile } = settings;
  const prompt = readPrompt(callOptions.prompt);
  const callHash = fnv1a(`${modelId}\u0000${callOptions.seed ?? 0}\u0000${prompt.fingerprint}`);
  // Separate streams per concern, so e.g. changing failureRate never changes the text.
  const textRandom = createRandom(callHash, 'text');
  const failureRandom = createRandom(callHash, 'failure');
  const timingRandom = createRandom(callHash, 'timing');

  const text = prompt.judging
    ? composeJudgment({ displayName, prompt, random: textRandom, preference: settings.judgePreference })
    : composeAnswer({ prompt, random: textRandom, modelId });
  const allTokens = tokenize(text);
  const limit = callOptions.maxOutputTokens;
  const capped = limit !== undefined && limit < allTokens.length;
  const tokens = capped ? allTokens.slice(0, Math.max(0, limit)) : allTokens;
  const failing = profile.failure !== 'none' && failureRandom() < profile.failureRate;
  if (!prompt.judging) rememberAuthor(tokens.join(''), settings.modelId);

  return {
    responseId: `sim-${callHash.toString(16).padStart(8, '0')}`,
    tokens,
    finishReason: capped ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
    usage: buildUsage(prompt.tokenCount, tokens.length),
    failure: failing ? profile.failure : 'none',
    delays: createDelayPlanner(profile, timingRandom),
  };
}

function buildUsage(inputTokens: number, outputTokens: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

interface DelayPlanner {
  /** Tokens emitted per timer tick; above 1 only when the interval would be too short for a cheap timer. */
  tokensPerTick: number;
  firstToken(): number;
  /** The wait before a tick that emits `tokenCount` tokens. */
  tick(tokenCount: number): number;
}

/** Intervals below this are batched into fewer, longer ticks so high rates don't flood the timer queue. */
const MINIMUM_TICK_MS = 4;

function createDelayPlanner(profile: SimulatorProfile, random: Random): DelayPlanner {
  const interval = 1000 / profile.tokensPerSecond;
  const jittered = (milliseconds: number) => Math.max(0, milliseconds * (1 + profile.jitter * (2 * random() - 1)));
  return {
    tokensPerTick: interval > 0 && interval < MINIMUM_TICK_MS ? Math.ceil(MINIMUM_TICK_MS / interval) : 1,
    firstToken: () => jittered(profile.firstTokenMs),
    tick: (tokenCount) => jittered(interval * tokenCount),
  };
}
