import { availableModels, availablePresets, isProviderAvailable, modelKeySource, type ModelAccess } from './registry';
import type { CatalogView } from '@/lib/protocol/catalog';
import { everyAgent } from '@/lib/protocol/moa-config';
import { isSimulatedModel, splitModelId } from '@/lib/protocol/model-id';
import { PRESETS } from './presets';
import { evalsMaySpendServerKeys } from './eval-access';
import { PROVIDERS } from './providers';

/**
 * What `GET /api/models` shows: the providers and whether each can be used, the models and presets available
 * to this request, and the default preset. It holds no key, only whether one is set.
 */
export function catalogView(access: ModelAccess): CatalogView {
  const { presets, defaultPresetId } = availablePresets(access);
  return {
    providers: PROVIDERS.map((provider) => ({
      id: provider.id,
      name: provider.name,
      local: provider.local,
      acceptsKey: provider.keyEnv !== undefined,
      available: isProviderAvailable(provider, access),
      keySource: modelKeySource(`${provider.id}:model`, access),
    })),
    models: availableModels(access).map((model) => ({
      id: model.id,
      provider: model.provider,
      displayName: model.displayName,
      inputPricePerMillion: model.inputPricePerMillion,
      outputPricePerMillion: model.outputPricePerMillion,
      contextWindow: model.contextWindow,
      simulated: isSimulatedModel(model.id),
      testing: model.testing ?? false,
    })),
    presets: presets.map((preset) => ({
      id: preset.id,
      name: preset.name,
      description: preset.description,
      config: preset.config,
    })),
    lockedPresets: lockedPresets(access, new Set(presets.map((preset) => preset.id))),
    defaultPresetId,
    evalOnServerKeys: evalsMaySpendServerKeys(access.env),
  };
}

/** Built-in presets this request cannot run, with the providers whose keys would let it. */
function lockedPresets(access: ModelAccess, available: Set<string>): CatalogView['lockedPresets'] {
  return PRESETS.filter((preset) => !available.has(preset.id)).map((preset) => {
    const providerIds = new Set(everyAgent(preset.config).map((agent) => splitModelId(agent.model).providerId));
    const missing = PROVIDERS.filter((provider) => providerIds.has(provider.id) && !isProviderAvailable(provider, access));
    return { id: preset.id, name: preset.name, description: preset.description, needsKeysFor: missing.map((provider) => provider.name) };
  });
}
