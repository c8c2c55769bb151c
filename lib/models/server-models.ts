import type { CatalogModel } from './catalog';
import { splitModelId } from '@/lib/protocol/model-id';
import { findProvider } from './providers';
import type { Environment } from './local-probe';

/**
 * Models the operator adds to the catalog for the server's keys, with their prices:
 * `SERVER_MODELS="together:deepseek-ai/DeepSeek-R1=3/7,groq:llama-3.1-8b-instant=0.05/0.08"`, each entry an exact
 * model id, then input and output dollars per million tokens. A price is required: a model without one would cost
 * nothing against the daily spend ceiling.
 */
export function readServerModels(env: Environment): { models: CatalogModel[]; problems: string[] } {
  const models: CatalogModel[] = [];
  const problems: string[] = [];
  for (const entry of (env.SERVER_MODELS ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^(.+)=(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(entry);
    const id = match?.[1]?.trim() ?? '';
    const provider = findProvider(splitModelId(id).providerId);
    if (!match || !provider || provider.kind === 'simulator' || provider.local || splitModelId(id).providerModelId === '') {
      problems.push(`SERVER_MODELS entry "${entry}" is not "<hosted provider>:<model>=<input $/M>/<output $/M>"; it is left out.`);
      continue;
    }
    models.push({
      id,
      provider: provider.id,
      displayName: splitModelId(id).providerModelId,
      inputPricePerMillion: Number(match[2]),
      outputPricePerMillion: Number(match[3]),
      contextWindow: 32_768,
    });
  }
  return { models, problems };
}
