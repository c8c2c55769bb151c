import 'server-only';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { GetModel, ModelHandle } from '@/lib/moa/model-handle';
import type { ProviderKeys } from './byo-keys';
import { CATALOG, currentModelId, type CatalogModel } from './catalog';
import { localOpenAIBaseUrl, type Environment } from './local-probe';
import { localPreset } from './local-preset';
import { withMergedTextDeltas } from './merged-text-deltas';
import { PRESETS, type Preset } from './presets';
import { everyAgent } from '@/lib/protocol/moa-config';
import { isSimulatedModel, splitModelId } from '@/lib/protocol/model-id';
import type { KeySource } from '@/lib/protocol/catalog';
import { findProvider, type Provider } from './providers';
import { readServerModels } from './server-models';
import { createSimulatedModel } from './simulator';

/** One for every OpenAI-compatible model: it holds no state of its own. */
const mergedTextDeltaFetch = withMergedTextDeltas();

/** What decides which models a request may use: the server's env, the request's own keys, the local servers found. */
export interface ModelAccess {
  env: Environment;
  byoKeys: ProviderKeys;
  localModels: CatalogModel[];
}

export class UnknownModelError extends Error {
  constructor(modelId: string, reason: string) {
    super(`Model "${modelId}" ${reason}.`);
    this.name = 'UnknownModelError';
  }
}

function providerKey(provider: Provider, access: ModelAccess): string | undefined {
  // An empty variable (`TOGETHER_API_KEY=` in a .env file) means "not set".
  return access.byoKeys[provider.id] || (provider.keyEnv ? access.env[provider.keyEnv] : undefined) || undefined;
}

/** The key source of a model id that resolves (see `createGetModel`); an unknown provider counts as the server's. */
export function modelKeySource(modelId: string, access: ModelAccess): KeySource {
  return providerKeySource(findProvider(splitModelId(currentModelId(modelId)).providerId), access);
}

function providerKeySource(provider: Provider | undefined, access: ModelAccess): KeySource {
  if (provider?.kind === 'simulator') return 'simulator';
  if (provider?.local) return 'local';
  return provider && access.byoKeys[provider.id] ? 'byo' : 'server';
}

export function isProviderAvailable(provider: Provider, access: ModelAccess): boolean {
  if (provider.kind === 'simulator') return true;
  if (provider.local) return access.localModels.some((model) => model.provider === provider.id);
  return providerKey(provider, access) !== undefined;
}

/**
 * The catalog this request can use: simulator models, hosted models with a key (the built-in catalog and the
 * operator's `SERVER_MODELS`), and the local models found.
 */
export function availableModels(access: ModelAccess): CatalogModel[] {
  const builtIn = new Set(CATALOG.map((model) => model.id));
  const added = readServerModels(access.env).models.filter((model) => !builtIn.has(model.id));
  const hosted = [...CATALOG, ...added].filter((model) => {
    const provider = findProvider(model.provider);
    return provider !== undefined && isProviderAvailable(provider, access);
  });
  return [...hosted, ...access.localModels];
}

/** Presets whose every model is available, and the one to use by default: local, then real, then simulated. */
export function availablePresets(access: ModelAccess): { presets: Preset[]; defaultPresetId: string } {
  const available = new Set(availableModels(access).map((model) => model.id));
  const usable = PRESETS.filter((preset) => everyAgent(preset.config).every((agent) => available.has(agent.model)));
  const local = localPreset(access.localModels);
  const presets = local ? [local, ...usable] : usable;
  const real = presets.find((preset) => preset.id !== 'simulated');
  return { presets, defaultPresetId: (real ?? presets[0])?.id ?? 'simulated' };
}

function simulatorSpeed(env: Environment): number {
  const speed = Number(env.SIMULATOR_SPEED ?? '1');
  return Number.isFinite(speed) && speed > 0 ? speed : 1;
}

/** The most models `sharedModel` keeps; past it the least recently used are made again when next needed. */
const SHARED_MODELS_MAX = 500;
const sharedModels = new Map<string, LanguageModelV4>();

/**
 * One model object per provider, endpoint, server key and model, kept across requests. A model holds only its
 * settings, but making one is not free: the OpenAI-compatible provider builds the schema of its stream's events
 * (dozens of zod objects) in the constructor, which a run of seven models a request would otherwise pay every time.
 */
function sharedModel(key: string, create: () => LanguageModelV4): LanguageModelV4 {
  const model = sharedModels.get(key) ?? create();
  sharedModels.delete(key);
  sharedModels.set(key, model);
  if (sharedModels.size > SHARED_MODELS_MAX) sharedModels.delete(sharedModels.keys().next().value as string);
  return model;
}

/** What makes the model, once its settings are checked (a missing base URL throws here, not when it is made). */
function modelFactory(
  provider: Provider,
  providerModelId: string,
  catalogModel: CatalogModel | undefined,
  access: ModelAccess,
): () => LanguageModelV4 {
  const apiKey = providerKey(provider, access);
  const configuredBase = provider.baseUrlEnv ? access.env[provider.baseUrlEnv] : undefined;
  switch (provider.kind) {
    case 'simulator': {
      const speed = simulatorSpeed(access.env);
      const profile = catalogModel?.simulator ?? {};
      const fixedRate = Number(access.env.SIMULATOR_TOKENS_PER_SECOND);
      return () =>
        createSimulatedModel({
          modelId: providerModelId,
          displayName: catalogModel?.displayName,
          profile: {
            ...profile,
            ...(profile.firstTokenMs !== undefined ? { firstTokenMs: profile.firstTokenMs / speed } : {}),
            ...(profile.tokensPerSecond !== undefined ? { tokensPerSecond: profile.tokensPerSecond * speed } : {}),
            // A fixed rate for every simulated model, for load tests and benchmarks.
            ...(Number.isFinite(fixedRate) && fixedRate > 0 ? { tokensPerSecond: fixedRate } : {}),
          },
        });
    }
    case 'openai':
      return () => createOpenAI({ apiKey, baseURL: configuredBase ?? provider.baseURL })(providerModelId);
    case 'anthropic':
      return () => createAnthropic({ apiKey, baseURL: configuredBase ?? provider.baseURL })(providerModelId);
    case 'openai-compatible': {
      const baseURL = provider.local ? localOpenAIBaseUrl(provider, access.env) : (configuredBase ?? provider.baseURL);
      if (!baseURL) throw new UnknownModelError(`${provider.id}:${providerModelId}`, 'has no base URL configured');
      const create = () =>
        createOpenAICompatible({ name: provider.id, baseURL, apiKey, includeUsage: true, fetch: mergedTextDeltaFetch })(
          providerModelId,
        );
      // A caller's own key is not kept past its request.
      if (providerKeySource(provider, access) === 'byo') return create;
      return () => sharedModel(`${provider.id}\n${baseURL}\n${apiKey ?? ''}\n${providerModelId}`, create);
    }
  }
}

/**
 * The one seam that turns a model id into a model. Retired ids resolve to their successors. On the server's keys
 * only the catalog's ids run, spelled exactly as the catalog spells them, since only they have a price for the
 * daily spend ceiling; with the caller's own key any model of that provider runs (the caller pays).
 */
export function createGetModel(access: ModelAccess): GetModel {
  const catalog = new Map(availableModels(access).map((model) => [model.id, model]));
  const handles = new Map<string, ModelHandle>();
  return (requestedId: string): ModelHandle => {
    const known = handles.get(requestedId);
    if (known) return known;
    const handle = resolveModel(requestedId, catalog, access);
    handles.set(requestedId, handle);
    return handle;
  };
}

function resolveModel(requestedId: string, catalog: Map<string, CatalogModel>, access: ModelAccess): ModelHandle {
  const modelId = currentModelId(requestedId);
  const { providerId, providerModelId } = splitModelId(modelId);
  const provider = findProvider(providerId);
  if (!provider) throw new UnknownModelError(requestedId, `names an unknown provider "${providerId}"`);
  if (!isProviderAvailable(provider, access)) {
    const how = provider.keyEnv ? `set ${provider.keyEnv} or add your own key` : 'start the local server';
    throw new UnknownModelError(requestedId, `needs ${provider.name}: ${how}`);
  }
  const catalogModel = catalog.get(modelId);
  if (provider.kind === 'simulator' && !catalogModel)
    throw new UnknownModelError(requestedId, 'is not a simulator model');
  if (providerKeySource(provider, access) === 'server' && !catalogModel) {
    throw new UnknownModelError(
      requestedId,
      `is not in this server's catalog (ids are matched exactly); add your own ${provider.name} key to use models outside it`,
    );
  }
  const create = modelFactory(provider, providerModelId, catalogModel, access);
  let model: LanguageModelV4 | undefined;
  return {
    // Made when first called for, not when resolved: a run's models are all resolved before its first event, and
    // making one costs a provider far more than checking it (see `sharedModel`).
    get model() {
      model ??= create();
      return model;
    },
    info: {
      id: modelId,
      displayName: catalogModel?.displayName ?? providerModelId,
      provider: provider.name,
      simulated: isSimulatedModel(modelId),
      inputPricePerMillion: catalogModel?.inputPricePerMillion ?? 0,
      outputPricePerMillion: catalogModel?.outputPricePerMillion ?? 0,
    },
  };
}
