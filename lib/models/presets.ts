import { z } from 'zod';
import { moaConfigSchema, type MoaConfigInput } from '@/lib/protocol/moa-config';

export const presetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  description: z.string(),
  config: moaConfigSchema,
});
export type Preset = z.infer<typeof presetSchema>;

const sampling = { temperature: 0.7, maxOutputTokens: 512 } as const;

const together = {
  llama: 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
  qwen: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
  qwenCoder: 'together:Qwen/Qwen2.5-Coder-32B-Instruct',
  wizard: 'together:microsoft/WizardLM-2-8x22B',
  deepseek: 'together:deepseek-ai/DeepSeek-V3',
  mistral: 'together:mistralai/Mistral-Small-24B-Instruct-2501',
};
const sixProposers = Object.values(together).map((model) => ({ model, ...sampling }));

const simulatedProposers = ['qwen-110b', 'qwen-72b', 'wizardlm-8x22b', 'llama-3-70b', 'mixtral-8x22b', 'dbrx'].map(
  (name) => ({ model: `simulator:${name}`, ...sampling }),
);

const presetData: { id: string; name: string; description: string; config: MoaConfigInput }[] = [
  {
    id: 'moa',
    name: 'MoA',
    description: 'The paper’s structure: 3 layers, 6 open models in each proposer layer, a strong open aggregator.',
    config: { layers: [{ agents: sixProposers }, { agents: sixProposers }], aggregator: { model: together.qwen, ...sampling } },
  },
  {
    id: 'moa-lite',
    name: 'MoA-Lite',
    description: '2 layers: 6 open proposers and an aggregator. Cheaper and faster; the paper’s eval default.',
    config: { layers: [{ agents: sixProposers }], aggregator: { model: together.qwen, ...sampling } },
  },
  {
    id: 'moa-gpt-4o',
    name: 'MoA with GPT-4o',
    description: '3 layers of open proposers with GPT-4o as the final aggregator (the paper’s best score).',
    config: { layers: [{ agents: sixProposers }, { agents: sixProposers }], aggregator: { model: 'openai:gpt-4o', ...sampling } },
  },
  {
    id: 'self-moa',
    name: 'Self-MoA',
    description: 'One strong model sampled 6 times, then aggregating its own answers (Li et al. 2025).',
    config: {
      layers: [{ agents: Array.from({ length: 6 }, () => ({ model: together.qwen, ...sampling })) }],
      aggregator: { model: together.qwen, ...sampling },
    },
  },
  {
    id: 'simulated',
    name: 'Simulated MoA',
    description: 'The paper’s 3-layer structure on simulated models: no key needed, nothing is billed.',
    config: {
      layers: [{ agents: simulatedProposers }, { agents: simulatedProposers }],
      aggregator: { model: 'simulator:qwen-110b', ...sampling },
    },
  },
];

/** Built-in presets; a "Local" preset joins them when a local model server answers. */
export const PRESETS: Preset[] = z.array(presetSchema).parse(presetData);
