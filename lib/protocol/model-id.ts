import { z } from 'zod';

/** Catalog model ids look like `provider:model`, e.g. `together:Qwen/Qwen2.5-72B-Instruct-Turbo`. */
export const modelIdSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z0-9-]+:[^\s]+$/, 'must look like "provider:model"');

/** Provider ids: the part of a model id before the colon, and the suffix of an own-key header. */
export const PROVIDER_ID_PATTERN = /^[a-z0-9-]+$/;

/** `together:Qwen/Qwen2.5-72B-Instruct-Turbo` → provider `together`, model `Qwen/Qwen2.5-72B-Instruct-Turbo`. */
export function splitModelId(modelId: string): { providerId: string; providerModelId: string } {
  const separator = modelId.indexOf(':');
  return { providerId: modelId.slice(0, separator), providerModelId: modelId.slice(separator + 1) };
}

/** The built-in provider whose models answer with canned text, at no cost. */
export const SIMULATOR_PROVIDER = 'simulator';

/** Whether a model id names a simulated model: its answers are made up, so it costs nothing and proves nothing. */
export function isSimulatedModel(modelId: string): boolean {
  return splitModelId(modelId).providerId === SIMULATOR_PROVIDER;
}

/** The simulator's judge: its verdicts are made up, for trying the interface without a real model. */
export const SIMULATED_JUDGE_MODEL = `${SIMULATOR_PROVIDER}:judge`;
