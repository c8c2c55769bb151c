import { z } from 'zod';
import type { CatalogModel } from './catalog';
import { PROVIDERS, type Provider } from './providers';

export type Environment = Record<string, string | undefined>;

const ollamaTagsSchema = z.object({
  models: z.array(z.object({ name: z.string(), size: z.number().optional() })),
});
const openAIModelsSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

/** Probes must not hold up a page: an absent server answers "connection refused" at once, a dead one is cut here. */
const PROBE_TIMEOUT_MS = 300;
const CACHE_MS = 30_000;

/** The base URL of a local provider, or undefined when it is not configured (Ollama has a default). */
export function localBaseUrl(provider: Provider, env: Environment): string | undefined {
  const configured = provider.baseUrlEnv ? env[provider.baseUrlEnv] : undefined;
  return (configured ?? provider.baseURL)?.replace(/\/+$/, '');
}

/** The OpenAI-compatible endpoint of a local provider: Ollama serves it under `/v1`, the others are configured with it. */
export function localOpenAIBaseUrl(provider: Provider, env: Environment): string | undefined {
  const base = localBaseUrl(provider, env);
  if (!base) return undefined;
  return provider.id === 'ollama' && !base.endsWith('/v1') ? `${base}/v1` : base;
}

async function getJson(url: string, fetcher: typeof fetch): Promise<unknown> {
  const response = await fetcher(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

function localModel(provider: Provider, name: string, sizeBytes?: number): CatalogModel {
  return {
    id: `${provider.id}:${name}`,
    provider: provider.id,
    displayName: name,
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
    contextWindow: 8_192,
    sizeBytes,
  };
}

async function probeProvider(provider: Provider, env: Environment, fetcher: typeof fetch): Promise<CatalogModel[]> {
  if (provider.id === 'ollama') {
    const base = localBaseUrl(provider, env)?.replace(/\/v1$/, '');
    const tags = ollamaTagsSchema.parse(await getJson(`${base}/api/tags`, fetcher));
    return tags.models.map((model) => localModel(provider, model.name, model.size));
  }
  const base = localOpenAIBaseUrl(provider, env);
  if (!base) return [];
  const list = openAIModelsSchema.parse(await getJson(`${base}/models`, fetcher));
  return list.data.map((model) => localModel(provider, model.id));
}

/**
 * Asks each local model server (Ollama by default, vLLM and LM Studio when configured) which models it has.
 * A server that is absent or slow is skipped silently; `LOCAL_MODELS=off` turns probing off.
 */
export async function probeLocalModels(env: Environment, fetcher: typeof fetch = fetch): Promise<CatalogModel[]> {
  if (env.LOCAL_MODELS === 'off') return [];
  const locals = PROVIDERS.filter((provider) => provider.local);
  const found = await Promise.all(
    locals.map((provider) => probeProvider(provider, env, fetcher).catch((): CatalogModel[] => [])),
  );
  return found.flat();
}

let cached: { at: number; key: string; models: Promise<CatalogModel[]> } | undefined;

/** `probeLocalModels`, remembered for 30 s so every request does not probe again. */
export function cachedLocalModels(env: Environment, now = Date.now()): Promise<CatalogModel[]> {
  const key = PROVIDERS.map((provider) => (provider.baseUrlEnv ? env[provider.baseUrlEnv] : '')).join('|') + env.LOCAL_MODELS;
  if (!cached || cached.key !== key || now - cached.at > CACHE_MS) {
    cached = { at: now, key, models: probeLocalModels(env) };
  }
  return cached.models;
}
