import { modelKeySource, type ModelAccess } from './registry';

/** `EVAL_ON_SERVER_KEYS` values that let evaluations spend the operator's own keys. */
const ALLOWING = new Set(['1', 'on', 'true', 'yes']);

/** Whether the operator lets evaluations spend the keys in the environment. */
export function evalsMaySpendServerKeys(env: ModelAccess['env']): boolean {
  return ALLOWING.has(env.EVAL_ON_SERVER_KEYS?.trim().toLowerCase() ?? '');
}

/**
 * The first of `models` an evaluation may not call: one that would run on the server's own key where the operator
 * has not allowed it. An evaluation makes hundreds of calls; own keys, local models and the simulator need no
 * permission.
 */
export function firstModelRefusedToEvals<T extends { modelId: string }>(models: T[], access: ModelAccess): T | undefined {
  if (evalsMaySpendServerKeys(access.env)) return undefined;
  return models.find(({ modelId }) => modelKeySource(modelId, access) === 'server');
}

/** What the refusal says, on the command line and over HTTP alike. */
export function evalKeysRefusal(modelId: string): string {
  return `"${modelId}" would run on the server's own key; evaluations may spend it only with EVAL_ON_SERVER_KEYS=on`;
}
