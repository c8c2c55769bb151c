import { z } from 'zod';

/**
 * Server-side caps. They bound what one request can spend, whatever the client sends.
 * Issue 6 will vary them by key source; until then they hold for every run.
 */
export const CAPS = {
  proposerLayers: 4,
  agentsPerLayer: 8,
  totalAgents: 25,
  maxOutputTokens: 4096,
  systemPromptChars: 8_000,
  agentTimeoutMs: 300_000,
  layerDeadlineMs: 300_000,
  retries: 4,
} as const;

/** Catalog model ids look like `provider:model`, e.g. `together:Qwen/Qwen2.5-72B-Instruct-Turbo`. */
export const modelIdSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z0-9-]+:[^\s]+$/, 'must look like "provider:model"');

export const agentSpecSchema = z.strictObject({
  model: modelIdSchema,
  temperature: z.number().min(0).max(2).default(0.7),
  maxOutputTokens: z.number().int().min(1).max(CAPS.maxOutputTokens).default(512),
  systemPrompt: z.string().max(CAPS.systemPromptChars).optional(),
});

export const layerSchema = z.strictObject({
  agents: z.array(agentSpecSchema).min(1).max(CAPS.agentsPerLayer),
});

/**
 * A layer may go on once `minResponses` of its agents have answered and `layerDeadlineMs` has passed since it
 * started; the agents still running then are aborted and marked "cut".
 */
export const stragglerPolicySchema = z.strictObject({
  minResponses: z.number().int().min(1).max(CAPS.agentsPerLayer),
  layerDeadlineMs: z.number().int().min(0).max(CAPS.layerDeadlineMs),
});

export const moaConfigSchema = z
  .strictObject({
    /** Proposer layers, run in order; the aggregator is the final layer and is not listed here. */
    layers: z.array(layerSchema).min(1).max(CAPS.proposerLayers),
    aggregator: agentSpecSchema,
    straggler: stragglerPolicySchema.optional(),
    agentTimeoutMs: z.number().int().min(1_000).max(CAPS.agentTimeoutMs).default(60_000),
    /** Retries per agent on 429, 5xx and network errors. */
    maxRetries: z.number().int().min(0).max(CAPS.retries).default(2),
  })
  .superRefine((config, context) => {
    const total = config.layers.reduce((sum, layer) => sum + layer.agents.length, 0) + 1;
    if (total > CAPS.totalAgents) {
      context.addIssue({
        code: 'custom',
        path: ['layers'],
        message: `has ${total} agents in all; the limit is ${CAPS.totalAgents}`,
      });
    }
  });

export type AgentSpec = z.infer<typeof agentSpecSchema>;
export type MoaConfig = z.infer<typeof moaConfigSchema>;
export type MoaConfigInput = z.input<typeof moaConfigSchema>;
export type StragglerPolicy = z.infer<typeof stragglerPolicySchema>;

/** An agent placed in the run: its stable id (`L2.3`), its layer (1-based) and its role. */
export interface PlannedAgent {
  id: string;
  layer: number;
  index: number;
  /** `baseline` only for a comparison's single model, which `planAgents` never plans. */
  role: 'proposer' | 'aggregator' | 'baseline';
  spec: AgentSpec;
}

/** Lays the config out as layers of agents with stable ids; the aggregator is the last layer. */
export function planAgents(config: MoaConfig): PlannedAgent[][] {
  const proposers = config.layers.map((layer, layerIndex) =>
    layer.agents.map(
      (spec, index): PlannedAgent => ({
        id: `L${layerIndex + 1}.${index + 1}`,
        layer: layerIndex + 1,
        index: index + 1,
        role: 'proposer',
        spec,
      }),
    ),
  );
  const aggregatorLayer = config.layers.length + 1;
  return [
    ...proposers,
    [{ id: `L${aggregatorLayer}.1`, layer: aggregatorLayer, index: 1, role: 'aggregator', spec: config.aggregator }],
  ];
}
