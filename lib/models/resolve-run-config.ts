import { everyAgentPath, type MoaConfig } from '@/lib/protocol/moa-config';
import type { GetModel } from '@/lib/moa/model-handle';
import { ApiError } from '@/lib/protocol/api-error';
import type { MoaRequest } from '@/lib/protocol/moa-request';
import { availablePresets, type ModelAccess } from './registry';
import { PRESETS } from './presets';

/** Picks the config a request runs: its own, the preset it names, or the default preset. */
export function resolveRunConfig(
  request: MoaRequest,
  access: ModelAccess,
): { config: MoaConfig; presetId?: string } {
  if (request.config) return { config: request.config };
  const { presets, defaultPresetId } = availablePresets(access);
  const presetId = request.preset ?? defaultPresetId;
  const preset = presets.find((candidate) => candidate.id === presetId);
  if (preset) return { config: preset.config, presetId };
  const known = PRESETS.some((candidate) => candidate.id === presetId);
  throw new ApiError(
    'unknown_preset',
    known
      ? `Preset "${presetId}" needs a provider that is not configured; add a key or pick another preset.`
      : `There is no preset "${presetId}".`,
    'preset',
  );
}

/** Checks every model of the config resolves before anything runs, naming the first field that does not. */
export function assertModelsResolve(config: MoaConfig, getModel: GetModel, fieldPrefix: string): void {
  for (const { path, agent } of everyAgentPath(config)) assertModelResolves(agent.model, getModel, `${fieldPrefix}.${path}.model`);
}

/** Checks one model id resolves, or throws 400 `unknown_model` naming `field`. */
export function assertModelResolves(modelId: string, getModel: GetModel, field: string): void {
  try {
    getModel(modelId);
  } catch (error) {
    throw new ApiError('unknown_model', error instanceof Error ? error.message : `Unknown model "${modelId}".`, field);
  }
}
