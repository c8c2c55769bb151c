import { z } from 'zod';
import { PROVIDER_ID_PATTERN, SIMULATOR_PROVIDER } from '@/lib/protocol/model-id';

export const providerKindSchema = z.enum(['openai-compatible', 'openai', 'anthropic', 'simulator']);

export const providerSchema = z.object({
  id: z.string().regex(PROVIDER_ID_PATTERN),
  name: z.string(),
  kind: providerKindSchema,
  /** Default base URL; `baseUrlEnv` overrides it. */
  baseURL: z.string().url().optional(),
  keyEnv: z.string().optional(),
  baseUrlEnv: z.string().optional(),
  /** A server on the user's machine: needs no key, and is probed for its models. */
  local: z.boolean().default(false),
});
export type Provider = z.infer<typeof providerSchema>;

/** Every provider the app can call. Data, not code: adding an OpenAI-compatible host is one entry. */
export const PROVIDERS: Provider[] = z.array(providerSchema).parse([
  { id: SIMULATOR_PROVIDER, name: 'Simulator', kind: 'simulator' },
  { id: 'together', name: 'Together AI', kind: 'openai-compatible', baseURL: 'https://api.together.xyz/v1', keyEnv: 'TOGETHER_API_KEY', baseUrlEnv: 'TOGETHER_BASE_URL' },
  { id: 'openrouter', name: 'OpenRouter', kind: 'openai-compatible', baseURL: 'https://openrouter.ai/api/v1', keyEnv: 'OPENROUTER_API_KEY', baseUrlEnv: 'OPENROUTER_BASE_URL' },
  { id: 'groq', name: 'Groq', kind: 'openai-compatible', baseURL: 'https://api.groq.com/openai/v1', keyEnv: 'GROQ_API_KEY', baseUrlEnv: 'GROQ_BASE_URL' },
  { id: 'fireworks', name: 'Fireworks AI', kind: 'openai-compatible', baseURL: 'https://api.fireworks.ai/inference/v1', keyEnv: 'FIREWORKS_API_KEY', baseUrlEnv: 'FIREWORKS_BASE_URL' },
  { id: 'deepinfra', name: 'DeepInfra', kind: 'openai-compatible', baseURL: 'https://api.deepinfra.com/v1/openai', keyEnv: 'DEEPINFRA_API_KEY', baseUrlEnv: 'DEEPINFRA_BASE_URL' },
  { id: 'openai', name: 'OpenAI', kind: 'openai', baseURL: 'https://api.openai.com/v1', keyEnv: 'OPENAI_API_KEY', baseUrlEnv: 'OPENAI_BASE_URL' },
  { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', baseURL: 'https://api.anthropic.com/v1', keyEnv: 'ANTHROPIC_API_KEY', baseUrlEnv: 'ANTHROPIC_BASE_URL' },
  { id: 'ollama', name: 'Ollama', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434', baseUrlEnv: 'OLLAMA_BASE_URL', local: true },
  { id: 'vllm', name: 'vLLM', kind: 'openai-compatible', baseUrlEnv: 'VLLM_BASE_URL', local: true },
  { id: 'lmstudio', name: 'LM Studio', kind: 'openai-compatible', baseUrlEnv: 'LMSTUDIO_BASE_URL', local: true },
]);

export function findProvider(providerId: string): Provider | undefined {
  return PROVIDERS.find((provider) => provider.id === providerId);
}

