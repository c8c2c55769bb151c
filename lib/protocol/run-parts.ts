import { z } from 'zod';
import { CAPS } from '@/lib/protocol/moa-config';
import { receiptPartSchema, type ReceiptPart } from './comparison-receipt';
import { judgeOrderSchema, judgeVerdictSchema } from './judge';
import { comparisonModeSchema } from './moa-request';

/**
 * Bounds of every part, from the engine's caps: what a real run can send. A shared snapshot is checked against
 * them too, so a crafted one cannot list thousands of agents for each visitor's page to render.
 */
export const RUN_BOUNDS = {
  /** Proposer layers and the aggregator's. */
  layers: CAPS.proposerLayers + 1,
  agentsPerLayer: CAPS.agentsPerLayer,
  /** Every agent of the MoA, and a comparison's baseline. */
  agents: CAPS.totalAgents + 1,
  /** One agent's answer: its output tokens at many characters each. */
  textChars: CAPS.maxOutputTokens * 16,
  messageChars: 2_000,
  nameChars: 200,
} as const;

const name = z.string().max(RUN_BOUNDS.nameChars);

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
  message: z.string().max(RUN_BOUNDS.messageChars),
  statusCode: z.number().int().optional(),
});
export type AgentError = z.infer<typeof agentErrorSchema>;

/**
 * `baseline` is the single model a comparison runs beside the MoA (`compare` in the request): one agent with the id
 * `BASELINE_AGENT_ID`, in layer 1, answering the conversation alone (its system prompt only, no references).
 */
export const agentRoleSchema = z.enum(['proposer', 'aggregator', 'baseline']);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** The agent id of a comparison's baseline; MoA agents are `L<layer>.<position>`, so it never collides. */
export const BASELINE_AGENT_ID = 'baseline';

/** A MoA agent's stable id, `L<layer>.<position>`, both counted from 1; the aggregator is the last layer's only agent. */
export function agentIdOf(layer: number, position: number): string {
  return `L${layer}.${position}`;
}

/** The id of layer `layer`'s `data-layer` part (counted from 1). */
export function layerIdOf(layer: number): string {
  return `layer-${layer}`;
}

export const runAgentInfoSchema = z.object({
  id: name,
  layer: z.number().int().positive().max(RUN_BOUNDS.layers),
  role: agentRoleSchema,
  model: name,
  displayName: name,
  provider: name,
  simulated: z.boolean(),
});
export type RunAgentInfo = z.infer<typeof runAgentInfoSchema>;

/**
 * `data-run`: the plan of the run, sent right after `start`. `layers` is the MoA alone (what the diagram draws);
 * a comparison adds its single model as `baseline` (role `baseline`, id `baseline`). `simulated` is true when any
 * of them, the baseline included, is simulated.
 */
export const runPartSchema = z.object({
  runId: name,
  preset: name.optional(),
  simulated: z.boolean(),
  startedAt: z.number(),
  layers: z
    .array(
      z.object({
        layer: z.number().int().positive().max(RUN_BOUNDS.layers),
        agents: z.array(runAgentInfoSchema).max(RUN_BOUNDS.agentsPerLayer),
      }),
    )
    .max(RUN_BOUNDS.layers)
    .refine((layers) => layers.reduce((sum, layer) => sum + layer.agents.length, 0) <= RUN_BOUNDS.agents, {
      message: `lists more than the ${RUN_BOUNDS.agents} agents a run can have`,
    }),
  baseline: runAgentInfoSchema.optional(),
  /** With `baseline`: whether the page hides which answer is which until the vote. Absent in older messages. */
  comparisonMode: comparisonModeSchema.optional(),
});
export type RunPart = z.infer<typeof runPartSchema>;

/**
 * `data-agent`, one per agent id, rewritten as the agent moves through its states. A comparison's baseline is one
 * too (id `baseline`): queued → running → done | failed, with its text, usage, cost and timings (offsets from the
 * same run start), so its final part is its whole record; the summary does not repeat it.
 */
export const agentPartSchema = z.object({
  id: name,
  layer: z.number().int().positive().max(RUN_BOUNDS.layers),
  role: agentRoleSchema,
  model: name,
  status: agentStatusSchema,
  attempt: z.number().int().positive(),
  text: z.string().max(RUN_BOUNDS.textChars).optional(),
  usage: usageSchema.optional(),
  cost: z.number().nonnegative().optional(),
  timings: agentTimingsSchema.optional(),
  finishReason: name.optional(),
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

/**
 * `data-summary`: totals of the MoA run, sent when the MoA has finished. They cover the MoA's agents only: a
 * comparison's baseline is reported by its own final `data-agent` part (status, `timings.timeToFirstTokenMs`,
 * `timings.durationMs`, usage, cost), which may arrive after the summary; `finish` comes once both have ended.
 */
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
  layers: z.array(layerPartSchema).max(RUN_BOUNDS.layers),
});
export type SummaryPart = z.infer<typeof summaryPartSchema>;

/**
 * `data-judge` (id `judge`), only when the request asked for `compare.judge`: written as `running` once both the
 * MoA and the baseline answered, then rewritten as `done` with the judgment's fields (as `POST /api/judge` answers
 * them, see `lib/protocol/judge.ts`), or as `failed` with an error; either way the run itself still succeeds. When
 * a side failed or was stopped there is nothing to judge: the part says `skipped`, with why in `reason`. Always
 * before `finish`.
 */
export const judgePartSchema = z.object({
  status: z.enum(['running', 'done', 'failed', 'skipped']),
  judgeModel: name,
  /** The judge is the simulator: its verdict is made up, for trying the interface. */
  simulated: z.boolean(),
  /** With `done`. */
  verdict: judgeVerdictSchema.optional(),
  /** With `done`, the judgment's reason; with `skipped`, why there was nothing to judge. */
  reason: z.string().max(RUN_BOUNDS.textChars).optional(),
  /** With `done`: the two orders the judge read, MoA first as A, then as B. */
  orders: z.array(judgeOrderSchema).max(2).optional(),
  /** With `done`, when both orders were readable: the MoA's AlpacaEval-style score, 1 win, 0.5 tie, 0 loss, averaged. */
  moaScore: z.number().min(0).max(1).optional(),
  /** With `failed`. */
  error: agentErrorSchema.optional(),
});
export type JudgePart = z.infer<typeof judgePartSchema>;

/** Schemas by data part name, as `useChat({ dataPartSchemas })` takes them. */
export const runDataPartSchemas = {
  run: runPartSchema,
  agent: agentPartSchema,
  'agent-delta': agentDeltaPartSchema,
  layer: layerPartSchema,
  summary: summaryPartSchema,
  judge: judgePartSchema,
  receipt: receiptPartSchema,
};

export type RunDataTypes = {
  run: RunPart;
  agent: AgentPart;
  'agent-delta': AgentDeltaPart;
  layer: LayerPart;
  summary: SummaryPart;
  judge: JudgePart;
  receipt: ReceiptPart;
};
