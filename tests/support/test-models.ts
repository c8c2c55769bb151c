import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { createSimulatedModel, type SimulatorProfile } from '@/lib/models/simulator';
import type { GetModel, ModelHandle } from '@/lib/moa/model-handle';

/** Simulator models that answer at once, unless a profile says otherwise. */
export function instantSimulatorModels(profiles: Record<string, Partial<SimulatorProfile>> = {}): GetModel {
  return (modelId) => handle(
    modelId,
    createSimulatedModel({
      modelId,
      profile: { firstTokenMs: 0, tokensPerSecond: Number.POSITIVE_INFINITY, jitter: 0, ...profiles[modelId] },
    }),
    { simulated: true },
  );
}

export function handle(
  modelId: string,
  model: LanguageModelV4,
  options: { simulated?: boolean; inputPricePerMillion?: number; outputPricePerMillion?: number } = {},
): ModelHandle {
  return {
    model,
    info: {
      id: modelId,
      displayName: `Model ${modelId}`,
      provider: 'test',
      simulated: options.simulated ?? false,
      inputPricePerMillion: options.inputPricePerMillion ?? 0,
      outputPricePerMillion: options.outputPricePerMillion ?? 0,
    },
  };
}

/** Stream parts of a complete answer, as a provider would send them. */
export function answerParts(text: string, usage = { input: 10, output: 5 }): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 'txt-0' },
    ...text.split(/(?<= )/).map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 'txt-0', delta })),
    { type: 'text-end', id: 'txt-0' },
    {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: usage.input, noCache: usage.input, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: usage.output, text: usage.output, reasoning: 0 },
      },
    },
  ];
}

/**
 * Mock models that answer `text(modelId, call)` and record every call, so tests can read the exact prompt each
 * agent received.
 */
export function recordingModels(text: (modelId: string, callIndex: number) => string) {
  const calls: { modelId: string; options: LanguageModelV4CallOptions }[] = [];
  const models = new Map<string, MockLanguageModelV4>();
  const getModel: GetModel = (modelId) => {
    let model = models.get(modelId);
    if (!model) {
      model = new MockLanguageModelV4({
        modelId,
        doStream: async (options) => {
          calls.push({ modelId, options });
          return { stream: convertArrayToReadableStream(answerParts(text(modelId, calls.length - 1))) };
        },
      });
      models.set(modelId, model);
    }
    return handle(modelId, model, { inputPricePerMillion: 1, outputPricePerMillion: 2 });
  };
  return { getModel, calls };
}

/** The system text of a recorded call (AI SDK 7 passes `instructions` as the first, system, prompt message). */
export function systemText(options: LanguageModelV4CallOptions): string | undefined {
  const first = options.prompt[0];
  return first?.role === 'system' ? first.content : undefined;
}

/** A model whose call fails with an HTTP error before streaming. */
export function failingModel(statusCode: number, headers: Record<string, string> = {}) {
  return new MockLanguageModelV4({
    doStream: async () => {
      throw new APICallError({
        message: `HTTP ${statusCode}`,
        url: 'http://provider.test',
        requestBodyValues: {},
        statusCode,
        responseHeaders: headers,
      });
    },
  });
}

/** A model that never answers until its call is aborted; `signals` are the ones its calls were given. */
export function hangingModel(onCall: (callCount: number) => void = () => undefined) {
  const model = new MockLanguageModelV4({
    doStream: async (options) => {
      onCall(model.doStreamCalls.length);
      return {
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            options.abortSignal?.addEventListener('abort', () => controller.error(options.abortSignal?.reason), {
              once: true,
            });
          },
        }),
      };
    },
  });
  return {
    model,
    get signals() {
      return model.doStreamCalls.flatMap((call) => (call.abortSignal ? [call.abortSignal] : []));
    },
  };
}

export function withOverrides(base: GetModel, overrides: Record<string, ReturnType<typeof handle>>): GetModel {
  return (modelId) => overrides[modelId] ?? base(modelId);
}

/**
 * A `SERVER_MODELS` value that lets the server's key run the test server's models `names` of `namespace`: they are
 * outside the catalog, which is all the server's keys may run otherwise.
 */
export function serverModelsOf(namespace: string, names: string[]): string {
  return names.map((name) => `together:${namespace}/${name}=0/0`).join(',');
}
