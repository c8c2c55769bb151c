import { fnv1a, mulberry32 } from '@/lib/random';
import { estimateTokens } from '@/lib/tokens';
import { SIMULATOR_PROVIDER } from '@/lib/protocol/model-id';
import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4FinishReason,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4Prompt,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
  type LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { GRADE_TAGS } from '@/lib/judge/grade-prompt';
import { JUDGE_PROMPT_MARKER, JUDGE_TAGS } from '@/lib/judge/prompt';
import { systemClock, type Clock } from '@/lib/moa/clock';

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
    : composeAnswer({ prompt, random: textRandom });
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

/** A delta is one token: a run of non-space characters plus the whitespace after it. */
function tokenize(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
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

// ---------------------------------------------------------------------------------------------------------------
// Prompt reading
// ---------------------------------------------------------------------------------------------------------------

interface PromptSummary {
  /** Stable text of the whole prompt, for seeding. */
  fingerprint: string;
  tokenCount: number;
  latestUserMessage: string | undefined;
  /** The prompt is the pairwise judge's (`lib/judge/prompt.ts`): answer as a judge. */
  judging: boolean;
}

function readPrompt(prompt: LanguageModelV4Prompt): PromptSummary {
  const messages = prompt.map((message) => ({ role: message.role, text: messageText(message) }));
  const latestUser = messages.findLast((message) => message.role === 'user');
  return {
    fingerprint: messages.map((message) => `${message.role}:${message.text}`).join('\u0000'),
    tokenCount: estimateTokens(messages.map((message) => message.text).join('')),
    latestUserMessage: latestUser?.text,
    judging: messages.some((message) => message.text.includes(JUDGE_PROMPT_MARKER)),
  };
}

function messageText(message: LanguageModelV4Prompt[number]): string {
  if (message.role === 'system') return message.content;
  return message.content
    .map((part) => (part.type === 'text' || part.type === 'reasoning' ? part.text : ''))
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Answer text
// ---------------------------------------------------------------------------------------------------------------

const MINIMUM_WORDS = 60;
const MAXIMUM_WORDS = 160;
const QUOTE_LIMIT = 80;

// An answer never says which part it plays (a proposer, the aggregator, a comparison's single model) and reads the
// same whatever it was given: in a blind comparison, the single model's answer and the aggregator's must not be told
// apart by their wording.
const OPENINGS = [
  'This is a simulated answer.',
  'Here is a simulated answer, written without calling a real model.',
  'A simulated response follows.',
];

const QUOTE_SENTENCES = [
  (quote: string) => `You asked: "${quote}".`,
  (quote: string) => `The question was: "${quote}".`,
  (quote: string) => `Restating the request: "${quote}".`,
];

const NO_QUESTION_SENTENCE = 'There was no user message, so this stays general.';

const SENTENCES = [
  'A good answer starts by pinning down what is actually being asked and which constraints matter most.',
  'The details depend on context, so it is worth laying out the main trade-offs before choosing.',
  'In practice, the simplest approach that meets the requirements is usually the right place to start.',
  'It helps to check the assumptions behind the question before committing to one particular answer.',
  'Where the evidence is mixed, it is better to say so plainly than to pretend to certainty.',
  'Looking at edge cases often shows where a first answer would break down.',
  'Any recommendation should be easy to verify, so the reasoning here is kept explicit.',
  'Small, reversible steps make it cheaper to correct course if something turns out to be wrong.',
  'A short worked example usually says more than a long list of rules.',
  'Naming the costs of each option up front keeps the comparison honest.',
  'The answer stays general, since the question leaves some details open.',
  'Points that matter less are left out, so the reply stays short and readable.',
];

const BULLET_HEADINGS = ['Key points:', 'In brief:', 'The main steps:'];

const BULLETS = [
  'Clarify the goal and the constraints.',
  'Compare the main options on cost and risk.',
  'Prefer the simplest option that works.',
  'Check the result against a concrete example.',
  'Note what remains uncertain.',
];

const CLOSINGS = [
  '(This text comes from the built-in simulator; no real model was called.)',
  'Since this is a simulated response, treat it as a placeholder rather than advice.',
  'This placeholder was produced by the built-in simulator, so no API key was needed.',
];

function composeAnswer({ prompt, random }: { prompt: PromptSummary; random: Random }): string {
  const targetWords = MINIMUM_WORDS + Math.floor(random() * (MAXIMUM_WORDS - MINIMUM_WORDS + 1));
  const paragraphs = [introduction(prompt, random)];
  if (random() < 0.5) paragraphs.push(bulletList(random));
  const closing = pick(CLOSINGS, random);

  const body = shuffle(SENTENCES, random);
  let wordCount = countWords(paragraphs.join(' ')) + countWords(closing);
  const paragraphSize = () => 2 + Math.floor(random() * 2);
  let paragraph: string[] = [];
  let sentencesInParagraph = paragraphSize();
  for (const sentence of body) {
    if (wordCount >= targetWords) break;
    if (wordCount + countWords(sentence) > MAXIMUM_WORDS) continue;
    paragraph.push(sentence);
    wordCount += countWords(sentence);
    if (paragraph.length === sentencesInParagraph) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
      sentencesInParagraph = paragraphSize();
    }
  }
  paragraphs.push([...paragraph, closing].join(' '));
  return paragraphs.join('\n\n');
}

function introduction(prompt: PromptSummary, random: Random): string {
  const opening = pick(OPENINGS, random);
  const quote = prompt.latestUserMessage === undefined ? undefined : quoteOf(prompt.latestUserMessage);
  const question = quote ? pick(QUOTE_SENTENCES, random)(quote) : NO_QUESTION_SENTENCE;
  return `${opening} ${question}`;
}

function quoteOf(message: string): string {
  const flattened = message.replace(/\s+/g, ' ').trim();
  if (flattened.length <= QUOTE_LIMIT) return flattened;
  return `${flattened.slice(0, QUOTE_LIMIT - 1).trimEnd()}…`;
}

function bulletList(random: Random): string {
  const bullets = shuffle(BULLETS, random).slice(0, 3);
  return [pick(BULLET_HEADINGS, random), ...bullets.map((bullet) => `- ${bullet}`)].join('\n');
}

function countWords(text: string): number {
  return tokenize(text).length;
}

// ---------------------------------------------------------------------------------------------------------------
// Judgments
// ---------------------------------------------------------------------------------------------------------------

/**
 * A judge-shaped reply: one sentence saying it is simulated, then `Verdict: A|B|tie`. Mostly the verdict follows the
 * content (the output whose text hashes higher wins, wherever it stands), so the two readings of a pair usually
 * agree; sometimes, decided by the seed and the prompt, it calls a tie or just picks A, so they can also disagree.
 */
function composeJudgment({
  displayName,
  prompt,
  random,
  preference,
}: {
  displayName: string;
  prompt: PromptSummary;
  random: Random;
  preference: JudgePreference | undefined;
}): string {
  const message = prompt.latestUserMessage ?? '';
  const answerToGrade = taggedText(message, GRADE_TAGS.answer);
  if (answerToGrade !== undefined) return composeGrade(displayName, answerToGrade);
  const outputA = taggedText(message, JUDGE_TAGS.outputA);
  const outputB = taggedText(message, JUDGE_TAGS.outputB);
  const preferred = preference && outputA !== undefined && outputB !== undefined ? preferredOutput(preference, outputA, outputB) : undefined;
  const roll = random();
  let verdict: 'A' | 'B' | 'tie';
  if (preferred) verdict = preferred;
  else if (roll < 0.2) verdict = 'tie';
  else if (roll < 0.35) verdict = 'A';
  else if (outputA === undefined || outputB === undefined) verdict = random() < 0.5 ? 'A' : 'B';
  else {
    const [scoreA, scoreB] = [fnv1a(outputA), fnv1a(outputB)];
    verdict = scoreA === scoreB ? 'tie' : scoreA > scoreB ? 'A' : 'B';
  }
  return `This is a simulated judgment by ${displayName}: no model read the two outputs, so the verdict below is made up for trying the comparison.\nVerdict: ${verdict}`;
}

/**
 * A set preference, so an evaluation over simulated models has a known expected win rate: when exactly one of the
 * two outputs was written by the simulated model `favour` (or contains that text), the judge prefers it with
 * probability `rate`. The draw hashes the pair of texts regardless of their order, so both readings of a pair agree.
 */
export interface JudgePreference {
  favour: string;
  rate: number;
}

/**
 * Which simulated model wrote each recent answer, by its text. Answers never name their model (a blind comparison
 * must not be told apart by its text), so a simulated judge with a preference recognises them here instead, the way
 * a real judge might know a model's style. Bounded: the oldest answers are forgotten first.
 */
const authors = new Map<string, string>();
const AUTHORS_KEPT = 5_000;

function rememberAuthor(text: string, modelId: string): void {
  const key = text.trim();
  authors.delete(key);
  authors.set(key, modelId);
  if (authors.size > AUTHORS_KEPT) authors.delete(authors.keys().next().value as string);
}

/** The simulated model that wrote `text` in this process, if one did recently. */
export function simulatedAuthorOf(text: string): string | undefined {
  return authors.get(text.trim());
}

function preferredOutput(preference: JudgePreference, outputA: string, outputB: string): 'A' | 'B' | undefined {
  const favoured = (output: string) => simulatedAuthorOf(output) === preference.favour || output.includes(preference.favour);
  const [aFavoured, bFavoured] = [favoured(outputA), favoured(outputB)];
  if (aFavoured === bFavoured) return undefined;
  const pair = [outputA, outputB].sort().join('\u0000');
  const favouredWins = mulberry32(fnv1a(pair, fnv1a(preference.favour)))() < preference.rate;
  return aFavoured === favouredWins ? 'A' : 'B';
}

/** A grade from 1 to 10, made up from the answer's text, in the shape `parseRating` reads. */
function composeGrade(displayName: string, answer: string): string {
  const score = 1 + (fnv1a(answer) % 10);
  return `This is a simulated grade by ${displayName}: no model read the answer, so the rating below is made up.\nRating: ${score}`;
}

/** The text between a pair of tags, or undefined when they are not there. */
function taggedText(text: string, [open, close]: readonly [string, string]): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start === -1 || end < start ? undefined : text.slice(start + open.length, end).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------------

/** Returns a number in [0, 1). */
type Random = () => number;

/** 32-bit FNV-1a over the UTF-16 code units. */
/** mulberry32, seeded from the call hash and a purpose label. */
function createRandom(callHash: number, purpose: string): Random {
  return mulberry32(fnv1a(purpose, callHash));
}

function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('Cannot pick from an empty list.');
  return item;
}

function shuffle<T>(items: readonly T[], random: Random): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  return shuffled;
}
