/** The engine benchmark's settings, the agents and configs of each shape, and the models that answer them. */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { moaConfigSchema, type MoaConfig, type MoaConfigInput } from '@/lib/protocol/moa-config';
import type { GetModel } from '@/lib/moa/model-handle';
import { createSimulatedModel } from '@/lib/models/simulator';
import type { OpenAIServer } from '@/tests/support/openai-server';

// ---------------------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------------------

export const MESSAGES = [
  { role: 'user' as const, content: 'How should a small team choose between a monolith and microservices?' },
];
export const MAX_OUTPUT_TOKENS = 120;
export const SIMULATOR_JITTER = 0.2;
export const HTTP_ANSWER_WORDS = 100;
export const RUNS = { inProcess: 5, http: 5, route: 3 };
export const ROUTE_SIMULATOR_SPEED = 3;
/** Route proposers, fastest first; the paper's aggregator is Qwen1.5-110B. */
export const ROUTE_PROPOSERS = ['llama-3-70b', 'mixtral-8x22b', 'dbrx', 'qwen-72b', 'wizardlm-8x22b', 'qwen-110b'];
export const ROUTE_AGGREGATOR = 'qwen-110b';
export const CONCURRENT_RUNS = 50;
export const HEAP_SAMPLE_MS = 20;
export const LIVE_SAMPLE_MS = 5_000;

export interface Shape {
  name: string;
  proposerLayers: number;
  agentsPerLayer: number;
}

export const SHAPES: Shape[] = [
  { name: '1×1', proposerLayers: 1, agentsPerLayer: 1 },
  { name: '2×4', proposerLayers: 1, agentsPerLayer: 4 },
  { name: '3×6', proposerLayers: 2, agentsPerLayer: 6 },
];
export const PAPER_SHAPE = SHAPES[2] as Shape;

// ---------------------------------------------------------------------------------------------------------------
// Agents and configs
// ---------------------------------------------------------------------------------------------------------------

export interface AgentLatency {
  firstTokenMs: number;
  tokensPerSecond: number;
}

/** One agent of a benchmark run: the model id the config names, its layer (1-based) and how fast it answers. */
export interface AgentSlot {
  modelId: string;
  layer: number;
  latency: AgentLatency;
}

/** Spreads agents over 150–400 ms to the first token and 100–200 tokens/s, in a different mix in every layer. */
export function latencyOf(layer: number, index: number): AgentLatency {
  const delayStep = (layer * 7 + index * 5) % 6;
  const paceStep = (layer + index) % 6;
  return { firstTokenMs: 150 + 50 * delayStep, tokensPerSecond: 100 + 20 * paceStep };
}

/** The agents of a shape, layer by layer; the last layer holds the aggregator alone. */
export function agentSlots(shape: Shape): AgentSlot[][] {
  const layerSizes = [...Array<number>(shape.proposerLayers).fill(shape.agentsPerLayer), 1];
  return layerSizes.map((size, layerIndex) =>
    Array.from({ length: size }, (_, agentIndex) => {
      const layer = layerIndex + 1;
      const index = agentIndex + 1;
      return { modelId: `bench:l${layer}-a${index}`, layer, latency: latencyOf(layer, index) };
    }),
  );
}

export function configInput(proposerLayers: string[][], aggregatorModel: string): MoaConfigInput {
  const spec = (model: string) => ({ model, maxOutputTokens: MAX_OUTPUT_TOKENS });
  return {
    layers: proposerLayers.map((models) => ({ agents: models.map(spec) })),
    aggregator: spec(aggregatorModel),
  };
}

export function engineConfig(slots: AgentSlot[][]): MoaConfig {
  const modelIds = slots.map((layer) => layer.map((slot) => slot.modelId));
  const aggregator = modelIds.at(-1)?.[0];
  if (aggregator === undefined) throw new Error('A benchmark shape needs an aggregator.');
  return moaConfigSchema.parse(configInput(modelIds.slice(0, -1), aggregator));
}

// ---------------------------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------------------------

/** The slowest model stream of each layer in one run, from the `doStream` call to the finish part. */
export class ModelStreamTimer {
  private readonly slowestByLayer = new Map<number, number>();

  record(layer: number, durationMs: number): void {
    this.slowestByLayer.set(layer, Math.max(durationMs, this.slowestByLayer.get(layer) ?? 0));
  }

  pathMs(): number {
    return [...this.slowestByLayer.values()].reduce((sum, duration) => sum + duration, 0);
  }
}

export function timedModel(model: LanguageModelV4, layer: number, timer: ModelStreamTimer): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v4',
      wrapStream: async ({ doStream }) => {
        const startedAt = performance.now();
        const result = await doStream();
        const stream = result.stream.pipeThrough(
          new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
            transform(part, controller) {
              if (part.type === 'finish') timer.record(layer, performance.now() - startedAt);
              controller.enqueue(part);
            },
          }),
        );
        return { ...result, stream };
      },
    },
  });
}

export type ModelFactory = (slot: AgentSlot) => LanguageModelV4;

export function benchGetModel(slots: AgentSlot[][], createModel: ModelFactory, timer: ModelStreamTimer): GetModel {
  const slotsById = new Map(slots.flat().map((slot) => [slot.modelId, slot]));
  return (modelId) => {
    const slot = slotsById.get(modelId);
    if (!slot) throw new Error(`The benchmark has no model "${modelId}".`);
    return {
      model: timedModel(createModel(slot), slot.layer, timer),
      info: {
        id: modelId,
        displayName: modelId,
        provider: 'bench',
        simulated: true,
        inputPricePerMillion: 0,
        outputPricePerMillion: 0,
      },
    };
  };
}

export const simulatorModel: ModelFactory = (slot) =>
  createSimulatedModel({ modelId: slot.modelId, profile: { ...slot.latency, jitter: SIMULATOR_JITTER } });

/** The test server's model id for a slot: its namespace is "bench". */
export function serverModelId(slot: AgentSlot): string {
  return slot.modelId.replace(':', '/');
}

export function answerText(words: number): string {
  return Array.from({ length: words }, (_, index) => `word${index + 1}`).join(' ');
}

export function httpModels(server: OpenAIServer): ModelFactory {
  const provider = createOpenAICompatible({ name: 'bench', baseURL: server.baseURL, apiKey: 'x', includeUsage: true });
  const everySlot = SHAPES.flatMap((shape) => agentSlots(shape).flat());
  server.setBehaviors(
    Object.fromEntries(
      everySlot.map((slot) => [
        serverModelId(slot),
        {
          text: answerText(HTTP_ANSWER_WORDS),
          firstByteMs: slot.latency.firstTokenMs,
          tokensPerSecond: slot.latency.tokensPerSecond,
        },
      ]),
    ),
  );
  return (slot) => provider(serverModelId(slot));
}

