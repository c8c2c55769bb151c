import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { withAggregatorSettings } from '@/lib/moa/aggregator-settings';
import type { Clock } from '@/lib/moa/clock';
import { moaConfigSchema, type MoaConfig, type MoaConfigInput } from '@/lib/protocol/moa-config';
import type { MoaEvent } from '@/lib/moa/events';
import type { GetModel } from '@/lib/moa/model-handle';
import { runMoA, type RunOutcome } from '@/lib/moa/run-moa';
import { PRESETS } from '@/lib/models/presets';
import { toEngineSeed } from '@/lib/random';
import type { AgentError, AgentPart, SummaryPart } from '@/lib/protocol/run-parts';
import { anySignal } from '@/lib/stream/any-signal';
import { MoaRunError } from './moa-run-error';
import { promptToConversation } from './prompt-to-conversation';
import { toJsonObject, withoutText, type MoaRunMetadata } from './run-metadata';

/** Wraps one engine run, e.g. to meter its spend; it must call `run` once and hand it an event handler. */
export type RunWrapper = <T>(onEvent: (event: MoaEvent) => void, run: (onEvent: (event: MoaEvent) => void) => Promise<T>) => Promise<T>;

export interface MoaModelOptions {
  /** A built-in preset's id (`moa-lite`, `simulated`, …); `config` instead for one of your own. */
  preset?: string;
  config?: MoaConfig | MoaConfigInput;
  /** The one seam from a model id to a model, as the engine takes it. */
  getModel: GetModel;
  /** Runs each engine call inside it; the limits gate's `admission.metered` settles the run's spend this way. */
  around?: RunWrapper;
  /** Also stream the run's layer and agent status as `custom` parts of kind `moa.progress`. */
  progress?: boolean;
  clock?: Clock;
  random?: () => number;
}

/** The kind of the custom stream parts that carry the run's progress (`providerMetadata.moa`). */
export const MOA_PROGRESS_KIND = 'moa.progress';

/** Call options a MoA cannot honour: its agents sample with their own settings and never call tools. */
const UNSUPPORTED_SETTINGS = ['topP', 'topK', 'presencePenalty', 'frequencyPenalty', 'stopSequences', 'tools', 'toolChoice'] as const;

const runDirectly: RunWrapper = (onEvent, run) => run(onEvent);

function resolveConfig(options: MoaModelOptions): { config: MoaConfig; modelId: string } {
  if (options.config) return { config: moaConfigSchema.parse(options.config), modelId: options.preset ?? 'moa' };
  const preset = PRESETS.find((candidate) => candidate.id === options.preset);
  if (!preset) throw new Error(`There is no MoA preset "${options.preset ?? ''}"; give a preset id or a config.`);
  return { config: preset.config, modelId: preset.id };
}

function warningsFor(options: LanguageModelV4CallOptions): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = UNSUPPORTED_SETTINGS.filter((setting) => {
    const value = options[setting];
    return value !== undefined && !(Array.isArray(value) && value.length === 0);
  }).map((feature) => ({ type: 'unsupported', feature }));
  if (options.responseFormat?.type === 'json') warnings.push({ type: 'unsupported', feature: 'responseFormat' });
  return warnings;
}

function usageOf(summary: SummaryPart): LanguageModelV4Usage {
  const { inputTokens, outputTokens } = summary.usage;
  return {
    inputTokens: { total: inputTokens, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

function finishReasonOf(aggregator: AgentPart | undefined, failed: boolean): LanguageModelV4FinishReason {
  if (failed) return { unified: 'error', raw: undefined };
  const raw = aggregator?.finishReason;
  return { unified: raw === 'length' ? 'length' : 'stop', raw };
}

/** The engine's progress events as plain data, agent texts left out: deltas and texts are the answer's business. */
function progressOf(event: MoaEvent): object | undefined {
  switch (event.type) {
    case 'run-start':
    case 'layer-start':
    case 'agent-retry':
    case 'layer-end':
      return event;
    case 'agent-start':
    case 'agent-end':
    case 'agent-error':
      return { type: event.type, agent: withoutText(event.agent) };
    default:
      return undefined;
  }
}

/**
 * Turns engine events into stream parts: the aggregator's answer as text (one part per attempt, so a retried answer
 * starts afresh), progress as custom parts when asked, and a finish part with the run's usage and summary.
 */
class RunPartWriter {
  private textId: string | undefined;
  private closed = false;
  private readonly agents = new Map<string, AgentPart>();
  private readonly aggregatorIds = new Set<string>();

  constructor(
    private readonly controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>,
    private readonly run: { runId: string; preset?: string },
    private readonly progress: boolean,
  ) {}

  handle(event: MoaEvent): void {
    if (event.type === 'run-start') {
      for (const layer of event.layers) for (const agent of layer.agents) if (agent.role === 'aggregator') this.aggregatorIds.add(agent.id);
    }
    if (event.type === 'aggregator-delta') return this.writeAnswer(event.attempt, event.delta);
    if (event.type === 'agent-retry' && this.aggregatorIds.has(event.agentId)) this.endText();
    if (event.type === 'agent-end' || event.type === 'agent-error') this.agents.set(event.agent.id, event.agent);
    const progress = this.progress ? progressOf(event) : undefined;
    if (progress) this.enqueue({ type: 'custom', kind: MOA_PROGRESS_KIND, providerMetadata: { moa: toJsonObject(progress) } });
  }

  finish(outcome: RunOutcome): void {
    this.endText();
    if (outcome.status === 'aborted') return this.close();
    const agents = [...this.agents.values()];
    const metadata: MoaRunMetadata = { ...this.run, summary: outcome.summary, agents: agents.map(withoutText) };
    if (outcome.status === 'error') this.enqueue({ type: 'error', error: new MoaRunError(outcome.error, failuresOf(agents)) });
    this.enqueue({
      type: 'finish',
      usage: usageOf(outcome.summary),
      finishReason: finishReasonOf(agents.find((agent) => this.aggregatorIds.has(agent.id)), outcome.status === 'error'),
      providerMetadata: { moa: toJsonObject(metadata) },
    });
    this.close();
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.controller.error(error);
  }

  /** The consumer went away: nothing more is written. */
  cancelled(): void {
    this.closed = true;
  }

  private writeAnswer(attempt: number, delta: string): void {
    const id = `answer-${attempt}`;
    if (this.textId !== id) {
      this.endText();
      this.textId = id;
      this.enqueue({ type: 'text-start', id });
    }
    this.enqueue({ type: 'text-delta', id, delta });
  }

  private endText(): void {
    if (this.textId === undefined) return;
    this.enqueue({ type: 'text-end', id: this.textId });
    this.textId = undefined;
  }

  private enqueue(part: LanguageModelV4StreamPart): void {
    if (!this.closed) this.controller.enqueue(part);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
  }
}

/**
 * The errors that ended a run: those of the last layer that ran, which is the failed aggregator or the layer where
 * no agent answered (an earlier layer's failures did not stop the run).
 */
function failuresOf(agents: AgentPart[]): AgentError[] {
  const lastLayer = Math.max(0, ...agents.map((agent) => agent.layer));
  return agents.flatMap((agent) => (agent.layer === lastLayer && agent.status === 'failed' && agent.error ? [agent.error] : []));
}

/**
 * A Mixture-of-Agents as an AI SDK language model:
 * `streamText({ model: createMoaModel({ preset: 'moa-lite', getModel }) })`. The prompt is the conversation every
 * agent sees; `temperature` and `maxOutputTokens` apply to the aggregator, `seed` to the run, `providerOptions` to
 * every agent's call. The stream is the aggregator's answer; `finish` carries the usage summed over every model call
 * of the run and, in `providerMetadata.moa`, the run summary and every agent's usage, cost and timings. A run that
 * ends without an answer streams an `error` part holding a `MoaRunError`.
 */
export function createMoaModel(options: MoaModelOptions): LanguageModelV4 {
  const { config: baseConfig, modelId } = resolveConfig(options);
  const around = options.around ?? runDirectly;

  async function doStream(callOptions: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const messages = promptToConversation(callOptions.prompt);
    const config = withAggregatorSettings(baseConfig, {
      temperature: callOptions.temperature,
      maxOutputTokens: callOptions.maxOutputTokens,
    });
    const runId = crypto.randomUUID();
    const stop = new AbortController();
    const signal = callOptions.abortSignal ? anySignal([callOptions.abortSignal, stop.signal]) : stop.signal;
    let writer: RunPartWriter | undefined;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        const parts = new RunPartWriter(controller, { runId, preset: options.preset }, options.progress ?? false);
        writer = parts;
        controller.enqueue({ type: 'stream-start', warnings: warningsFor(callOptions) });
        controller.enqueue({ type: 'response-metadata', id: runId, modelId, timestamp: new Date() });
        around((event) => parts.handle(event), (onEvent) =>
          runMoA({
            config,
            messages,
            getModel: options.getModel,
            onEvent,
            signal,
            seed: callOptions.seed === undefined ? undefined : toEngineSeed(callOptions.seed),
            providerOptions: callOptions.providerOptions,
            clock: options.clock,
            random: options.random,
          }),
        ).then(
          (outcome) => parts.finish(outcome),
          (error: unknown) => parts.fail(error),
        );
      },
      cancel(reason) {
        writer?.cancelled();
        stop.abort(reason ?? new DOMException('The reader went away.', 'AbortError'));
      },
    });
    return { stream, request: { body: { config, messages } } };
  }

  return {
    specificationVersion: 'v4',
    provider: 'moa-studio',
    modelId,
    supportedUrls: {},
    doStream,
    async doGenerate(callOptions): Promise<LanguageModelV4GenerateResult> {
      const { stream, request } = await doStream(callOptions);
      return { ...(await collect(stream)), request };
    },
  };
}

/** Reads a MoA stream to its end: the last attempt's answer, the finish part's usage and metadata, or its error. */
async function collect(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<Omit<LanguageModelV4GenerateResult, 'request'>> {
  const texts = new Map<string, string>();
  let lastTextId: string | undefined;
  let warnings: SharedV4Warning[] = [];
  let response: LanguageModelV4GenerateResult['response'];
  let finish: Extract<LanguageModelV4StreamPart, { type: 'finish' }> | undefined;
  const reader = stream.getReader();
  for (;;) {
    const { done, value: part } = await reader.read();
    if (done) break;
    if (part.type === 'stream-start') warnings = part.warnings;
    else if (part.type === 'response-metadata') response = { id: part.id, modelId: part.modelId, timestamp: part.timestamp };
    else if (part.type === 'text-start') lastTextId = part.id;
    else if (part.type === 'text-delta') texts.set(part.id, (texts.get(part.id) ?? '') + part.delta);
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'finish') finish = part;
  }
  if (!finish) throw new DOMException('The run was stopped.', 'AbortError');
  const content: LanguageModelV4Content[] = lastTextId === undefined ? [] : [{ type: 'text', text: texts.get(lastTextId) ?? '' }];
  return {
    content,
    finishReason: finish.finishReason,
    usage: finish.usage,
    providerMetadata: finish.providerMetadata,
    response,
    warnings,
  };
}
