import { z } from 'zod';
import { modelIdSchema } from './model-id';

/**
 * The widest a config may be, whoever pays: what the schema accepts. The caps of each usage class
 * (`lib/limits/caps.ts`) narrow them for runs on the server's keys.
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
    const total = agentCount(config);
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

/** A config's shape, parsed or not (the settings panel edits one that may not parse yet). */
interface ConfigShape<Agent> {
  layers: readonly { agents: readonly Agent[] }[];
  aggregator: Agent;
}

/** Every agent of a config, proposers layer by layer, then the aggregator. */
export function everyAgent<Agent>(config: ConfigShape<Agent>): Agent[] {
  return [...config.layers.flatMap((layer) => layer.agents), config.aggregator];
}

/** The agents of every layer in run order, the aggregator's layer last. */
export function everyLayer<Agent>(config: ConfigShape<Agent>): (readonly Agent[])[] {
  return [...config.layers.map((layer) => layer.agents), [config.aggregator]];
}

/** Every agent with its path in the config (`layers.0.agents.1`, `aggregator`), in `everyAgent`'s order. */
export function everyAgentPath<Agent>(config: ConfigShape<Agent>): { path: string; agent: Agent }[] {
  return [
    ...config.layers.flatMap((layer, layerIndex) =>
      layer.agents.map((agent, agentIndex) => ({ path: `layers.${layerIndex}.agents.${agentIndex}`, agent })),
    ),
    { path: 'aggregator', agent: config.aggregator },
  ];
}

/** How many agents a config runs, the aggregator included: the number `CAPS.totalAgents` bounds. */
export function agentCount(config: ConfigShape<unknown>): number {
  return config.layers.reduce((sum, layer) => sum + layer.agents.length, 0) + 1;
}
