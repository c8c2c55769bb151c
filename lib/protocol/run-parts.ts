import { z } from 'zod';

/**
 * The shapes a MoA run sends over the wire as AI SDK UI message data parts. The server writes them, the client
 * validates them with `dataPartSchemas`, and a finished message holding them is enough to redraw the run.
 */

export const agentStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cut']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

/** Offsets in milliseconds from the start of the run, so a run redraws the same wherever it is replayed. */
export const agentTimingsSchema = z.object({
  startMs: z.number(),
  firstTokenMs: z.number().optional(),
  endMs: z.number().optional(),
  /** From the first attempt's start to the end, retries included. */
  durationMs: z.number().optional(),
  timeToFirstTokenMs: z.number().optional(),
  tokensPerSecond: z.number().optional(),
});
export type AgentTimings = z.infer<typeof agentTimingsSchema>;

export const errorCodeSchema = z.enum([
  'rate_limited',
  'provider_error',
  'network_error',
  'timeout',
  'empty_response',
  'bad_request',
  'unauthorized',
  'unknown_model',
  'cut',
  'aborted',
  'no_responses',
  'aggregator_failed',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const agentErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  statusCode: z.number().int().optional(),
});
export type AgentError = z.infer<typeof agentErrorSchema>;

export const agentRoleSchema = z.enum(['proposer', 'aggregator']);

export const runAgentInfoSchema = z.object({
  id: z.string(),
  layer: z.number().int().positive(),
  role: agentRoleSchema,
  model: z.string(),
  displayName: z.string(),
  provider: z.string(),
  simulated: z.boolean(),
});
export type RunAgentInfo = z.infer<typeof runAgentInfoSchema>;

/** `data-run`: the plan of the run, sent right after `start`. */
export const runPartSchema = z.object({
  runId: z.string(),
  preset: z.string().optional(),
  simulated: z.boolean(),
  startedAt: z.number(),
  layers: z.array(z.object({ layer: z.number().int().positive(), agents: z.array(runAgentInfoSchema) })),
});
export type RunPart = z.infer<typeof runPartSchema>;

/** `data-agent`, one per agent id, rewritten as the agent moves through its states. */
export const agentPartSchema = z.object({
  id: z.string(),
  layer: z.number().int().positive(),
  role: agentRoleSchema,
  model: z.string(),
  status: agentStatusSchema,
  attempt: z.number().int().positive(),
  text: z.string().optional(),
  usage: usageSchema.optional(),
  cost: z.number().nonnegative().optional(),
  timings: agentTimingsSchema.optional(),
  finishReason: z.string().optional(),
  error: agentErrorSchema.optional(),
});
export type AgentPart = z.infer<typeof agentPartSchema>;

/**
 * `data-agent-delta`, transient: new text of one agent since its previous delta part, coalesced on the server.
 * `attempt` lets the client drop text of an attempt that was retried; `offset` (characters of this attempt's
 * text before the delta) lets it skip a repeated delta and hold one that arrives ahead of a gap.
 */
export const agentDeltaPartSchema = z.object({
  id: z.string(),
  attempt: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
  delta: z.string(),
});
export type AgentDeltaPart = z.infer<typeof agentDeltaPartSchema>;

export const layerStatusSchema = z.enum(['running', 'done', 'failed']);

/** `data-layer`, one per layer. */
export const layerPartSchema = z.object({
  layer: z.number().int().positive(),
  status: layerStatusSchema,
  startMs: z.number(),
  endMs: z.number().optional(),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  cut: z.number().int().nonnegative(),
  /** Duration of the slowest agent whose answer was kept. */
  slowestKeptMs: z.number().optional(),
});
export type LayerPart = z.infer<typeof layerPartSchema>;

/** `data-summary`: totals of a finished run, sent last. */
export const summaryPartSchema = z.object({
  status: z.enum(['done', 'error', 'aborted']),
  error: agentErrorSchema.optional(),
  wallTimeMs: z.number(),
  criticalPathMs: z.number(),
  /** First token of any agent. */
  firstTokenMs: z.number().optional(),
  /** First token of the answer. */
  answerFirstTokenMs: z.number().optional(),
  usage: usageSchema,
  cost: z.number().nonnegative(),
  agents: z.object({
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    cut: z.number().int(),
  }),
  layers: z.array(layerPartSchema),
});
export type SummaryPart = z.infer<typeof summaryPartSchema>;

/** Schemas by data part name, as `useChat({ dataPartSchemas })` takes them. */
export const runDataPartSchemas = {
  run: runPartSchema,
  agent: agentPartSchema,
  'agent-delta': agentDeltaPartSchema,
  layer: layerPartSchema,
  summary: summaryPartSchema,
};

export type RunDataTypes = {
  run: RunPart;
  agent: AgentPart;
  'agent-delta': AgentDeltaPart;
  layer: LayerPart;
  summary: SummaryPart;
};
