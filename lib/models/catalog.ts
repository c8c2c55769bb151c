import { z } from 'zod';

export const simulatorProfileSchema = z.object({
  firstTokenMs: z.number().nonnegative(),
  tokensPerSecond: z.number().positive(),
  jitter: z.number().min(0).max(1),
  failure: z.enum(['none', 'before-stream', 'mid-stream', 'hang']),
  failureRate: z.number().min(0).max(1),
});

export const catalogModelSchema = z.object({
  /** `provider:model`, the id configs and presets use. */
  id: z.string(),
  provider: z.string(),
  displayName: z.string(),
  /** US dollars per million tokens. */
  inputPricePerMillion: z.number().nonnegative(),
  outputPricePerMillion: z.number().nonnegative(),
  contextWindow: z.number().int().positive(),
  /** Simulator only: how the twin behaves. */
  simulator: simulatorProfileSchema.partial().optional(),
  /** Local models: size on disk, used to pick the strongest for the Local preset. */
  sizeBytes: z.number().nonnegative().optional(),
  /** Models meant for trying things out (failure handling, the simulated judge); listed, but in no preset. */
  testing: z.boolean().optional(),
});
export type CatalogModel = z.infer<typeof catalogModelSchema>;

const paperProposers = [
  { name: 'qwen-110b', displayName: 'Qwen1.5-110B', firstTokenMs: 700, tokensPerSecond: 45, input: 1.8, output: 1.8 },
  { name: 'qwen-72b', displayName: 'Qwen1.5-72B', firstTokenMs: 550, tokensPerSecond: 60, input: 0.9, output: 0.9 },
  { name: 'wizardlm-8x22b', displayName: 'WizardLM-2 8x22B', firstTokenMs: 600, tokensPerSecond: 55, input: 1.2, output: 1.2 },
  { name: 'llama-3-70b', displayName: 'Llama 3 70B', firstTokenMs: 400, tokensPerSecond: 80, input: 0.88, output: 0.88 },
  { name: 'mixtral-8x22b', displayName: 'Mixtral 8x22B', firstTokenMs: 450, tokensPerSecond: 70, input: 1.2, output: 1.2 },
  { name: 'dbrx', displayName: 'DBRX Instruct', firstTokenMs: 500, tokensPerSecond: 65, input: 1.2, output: 1.2 },
];

const simulatorModels: CatalogModel[] = [
  ...paperProposers.map((model) => ({
    id: `simulator:${model.name}`,
    provider: 'simulator',
    displayName: model.displayName,
    inputPricePerMillion: model.input,
    outputPricePerMillion: model.output,
    contextWindow: 32_768,
    simulator: { firstTokenMs: model.firstTokenMs, tokensPerSecond: model.tokensPerSecond },
  })),
  {
    id: 'simulator:gpt-4o',
    provider: 'simulator',
    displayName: 'GPT-4o',
    inputPricePerMillion: 2.5,
    outputPricePerMillion: 10,
    contextWindow: 128_000,
    simulator: { firstTokenMs: 450, tokensPerSecond: 90 },
  },
  {
    id: 'simulator:judge',
    provider: 'simulator',
    displayName: 'Judge (simulated)',
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
    contextWindow: 128_000,
    simulator: { firstTokenMs: 300, tokensPerSecond: 120 },
    testing: true,
  },
  {
    id: 'simulator:fails-early',
    provider: 'simulator',
    displayName: 'Always fails (simulated 503)',
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
    contextWindow: 32_768,
    simulator: { failure: 'before-stream', failureRate: 1, firstTokenMs: 200 },
    testing: true,
  },
  {
    id: 'simulator:fails-mid-stream',
    provider: 'simulator',
    displayName: 'Drops mid-answer',
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
    contextWindow: 32_768,
    simulator: { failure: 'mid-stream', failureRate: 1 },
    testing: true,
  },
  {
    id: 'simulator:hangs',
    provider: 'simulator',
    displayName: 'Never answers',
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
    contextWindow: 32_768,
    simulator: { failure: 'hang', failureRate: 1 },
    testing: true,
  },
];

/** Hosted models. Prices are list prices per million tokens at the time of writing; update them here. */
const hostedModels: CatalogModel[] = [
  { id: 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo', provider: 'together', displayName: 'Llama 3.3 70B', inputPricePerMillion: 0.88, outputPricePerMillion: 0.88, contextWindow: 131_072 },
  { id: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo', provider: 'together', displayName: 'Qwen2.5 72B', inputPricePerMillion: 1.2, outputPricePerMillion: 1.2, contextWindow: 32_768 },
  { id: 'together:Qwen/Qwen2.5-Coder-32B-Instruct', provider: 'together', displayName: 'Qwen2.5 Coder 32B', inputPricePerMillion: 0.8, outputPricePerMillion: 0.8, contextWindow: 32_768 },
  { id: 'together:microsoft/WizardLM-2-8x22B', provider: 'together', displayName: 'WizardLM-2 8x22B', inputPricePerMillion: 1.2, outputPricePerMillion: 1.2, contextWindow: 65_536 },
  { id: 'together:deepseek-ai/DeepSeek-V3', provider: 'together', displayName: 'DeepSeek V3', inputPricePerMillion: 1.25, outputPricePerMillion: 1.25, contextWindow: 131_072 },
  { id: 'together:mistralai/Mistral-Small-24B-Instruct-2501', provider: 'together', displayName: 'Mistral Small 3', inputPricePerMillion: 0.8, outputPricePerMillion: 0.8, contextWindow: 32_768 },
  { id: 'openrouter:qwen/qwen-2.5-72b-instruct', provider: 'openrouter', displayName: 'Qwen2.5 72B', inputPricePerMillion: 0.35, outputPricePerMillion: 0.4, contextWindow: 32_768 },
  { id: 'openrouter:meta-llama/llama-3.3-70b-instruct', provider: 'openrouter', displayName: 'Llama 3.3 70B', inputPricePerMillion: 0.13, outputPricePerMillion: 0.4, contextWindow: 131_072 },
  { id: 'groq:llama-3.3-70b-versatile', provider: 'groq', displayName: 'Llama 3.3 70B', inputPricePerMillion: 0.59, outputPricePerMillion: 0.79, contextWindow: 131_072 },
  { id: 'groq:qwen/qwen3-32b', provider: 'groq', displayName: 'Qwen3 32B', inputPricePerMillion: 0.29, outputPricePerMillion: 0.59, contextWindow: 131_072 },
  { id: 'fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct', provider: 'fireworks', displayName: 'Llama 3.3 70B', inputPricePerMillion: 0.9, outputPricePerMillion: 0.9, contextWindow: 131_072 },
  { id: 'deepinfra:meta-llama/Llama-3.3-70B-Instruct', provider: 'deepinfra', displayName: 'Llama 3.3 70B', inputPricePerMillion: 0.23, outputPricePerMillion: 0.4, contextWindow: 131_072 },
  { id: 'openai:gpt-4o', provider: 'openai', displayName: 'GPT-4o', inputPricePerMillion: 2.5, outputPricePerMillion: 10, contextWindow: 128_000 },
  { id: 'openai:gpt-4o-mini', provider: 'openai', displayName: 'GPT-4o mini', inputPricePerMillion: 0.15, outputPricePerMillion: 0.6, contextWindow: 128_000 },
  { id: 'anthropic:claude-sonnet-4-5', provider: 'anthropic', displayName: 'Claude Sonnet 4.5', inputPricePerMillion: 3, outputPricePerMillion: 15, contextWindow: 200_000 },
];

/** The built-in catalog; local servers add their models at run time. */
export const CATALOG: CatalogModel[] = z.array(catalogModelSchema).parse([...simulatorModels, ...hostedModels]);

/**
 * Retired ids and their successors, so configs and shared links that name an old model keep working.
 * The paper's 2024 line-up maps to the models that replaced it on the same host.
 */
export const RETIRED_MODELS: Record<string, string> = {
  'together:Qwen/Qwen1.5-110B-Chat': 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
  'together:Qwen/Qwen1.5-72B-Chat': 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
  'together:Qwen/Qwen2-72B-Instruct': 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
  'together:meta-llama/Llama-3-70b-chat-hf': 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
  'together:meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo': 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
  'together:mistralai/Mixtral-8x22B-Instruct-v0.1': 'together:mistralai/Mistral-Small-24B-Instruct-2501',
  'together:databricks/dbrx-instruct': 'together:deepseek-ai/DeepSeek-V3',
  'openai:gpt-4o-2024-05-13': 'openai:gpt-4o',
};

/** Follows the retirement chain to the current id (bounded, in case the table ever has a cycle). */
export function currentModelId(modelId: string): string {
  let id = modelId;
  for (let hops = 0; hops < 8 && RETIRED_MODELS[id] !== undefined; hops += 1) id = RETIRED_MODELS[id] ?? id;
  return id;
}
