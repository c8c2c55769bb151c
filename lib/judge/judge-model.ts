import { SIMULATED_JUDGE_MODEL } from '@/lib/protocol/model-id';

/**
 * Judges in order of preference: GPT-4o (AlpacaEval's own annotators are GPT-4 models), then the strongest open
 * model of the catalog, then the simulator.
 */
export const JUDGE_MODEL_PREFERENCE = [
  'openai:gpt-4o',
  'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
  SIMULATED_JUDGE_MODEL,
] as const;

/** The best judge among the model ids a request may use; the simulated judge when none of the others is there. */
export function defaultJudgeModel(availableModelIds: Iterable<string>): string {
  const available = new Set(availableModelIds);
  return JUDGE_MODEL_PREFERENCE.find((modelId) => available.has(modelId)) ?? SIMULATED_JUDGE_MODEL;
}
