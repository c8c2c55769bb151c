import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import type { GetModel } from '@/lib/moa/model-handle';
import { createSimulatedModel } from '@/lib/models/simulator';
import type { JudgePreference } from '@/lib/models/simulator-judge';
import { evalSettingsSchema, type EvalSettingsInput } from '@/lib/eval/run/eval-settings';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { handle } from './test-models';

/** The MoA contestant of the evaluation tests: two proposers and an aggregator whose answers name it. */
export const SMALL_MOA = {
  layers: [{ agents: [{ model: 'simulator:proposer-1' }, { model: 'simulator:proposer-2' }] }],
  aggregator: { model: 'simulator:aggregator' },
};

/** Pairwise, MoA against one model, judged by the simulated judge. */
export function evalSettings(overrides: Partial<EvalSettingsInput> = {}) {
  return evalSettingsSchema.parse({
    suite: 'quick',
    protocol: 'pairwise',
    contestants: [
      { kind: 'moa', id: 'moa', config: SMALL_MOA },
      { kind: 'model', id: 'single', model: 'simulator:single' },
    ],
    referenceId: 'single',
    judgeModel: 'simulator:judge',
    concurrency: 4,
    ...overrides,
  });
}

/**
 * Instant simulator models for any `simulator:` id, each priced at $1 per million tokens in and out, the judge with
 * an optional set preference. `prompts` collects every call's prompt by model id.
 */
export function evalModels(options: { judgePreference?: JudgePreference; real?: string[] } = {}) {
  const prompts = new Map<string, LanguageModelV4CallOptions['prompt'][]>();
  const getModel: GetModel = (modelId) => {
    if (!modelId.startsWith('simulator:') && !options.real?.includes(modelId)) throw new Error(`Model "${modelId}" is unknown.`);
    const simulated = createSimulatedModel({
      modelId,
      profile: { firstTokenMs: 0, tokensPerSecond: Number.POSITIVE_INFINITY, jitter: 0 },
      ...(modelId === 'simulator:judge' ? { judgePreference: options.judgePreference } : {}),
    });
    const recording: LanguageModelV4 = {
      ...simulated,
      doStream: (call) => {
        prompts.set(modelId, [...(prompts.get(modelId) ?? []), call.prompt]);
        return simulated.doStream(call);
      },
      doGenerate: (call) => {
        prompts.set(modelId, [...(prompts.get(modelId) ?? []), call.prompt]);
        return simulated.doGenerate(call);
      },
    };
    return handle(modelId, recording, { simulated: modelId.startsWith('simulator:'), inputPricePerMillion: 1, outputPricePerMillion: 1 });
  };
  return { getModel, prompts };
}

/** Keys of the work a list of records holds, for checking nothing was done twice. */
export function workKeys(records: EvalRecord[]): string[] {
  return records.flatMap((record) => {
    if (record.type === 'run') return [];
    if (record.type === 'answer') return [`answer ${record.questionId} ${record.contestantId}`];
    return [`${record.type} ${record.questionId} ${record.contestantId} ${record.turn}`];
  });
}
