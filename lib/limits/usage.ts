import { everyLayer, type AgentSpec, type MoaConfig } from '@/lib/protocol/moa-config';
import { costOf, type GetModel } from '@/lib/moa/model-handle';
import { currentModelId } from '@/lib/models/catalog';
import type { KeySource } from '@/lib/protocol/catalog';
import { modelKeySource, type ModelAccess } from '@/lib/models/registry';
import { ApiError } from '@/lib/protocol/api-error';
import { estimateTokens } from '@/lib/tokens';
import type { ConversationMessage } from '@/lib/protocol/moa-request';
import { usageCapProblems, usageClassOf } from './caps';
import type { UsageClass } from './config';

/** What one request will spend, worked out before anything runs. */
export interface PlannedUsage {
  usageClass: UsageClass;
  /** Model calls it makes, retries not counted: every agent, the baseline, and the judge's two readings. */
  calls: number;
  /** Model ids (as requested and as resolved) paid for by the server: their cost counts toward the daily ceiling. */
  serverModels: Set<string>;
  /** US dollars on the server's keys, an upper estimate: every call's input and its whole `maxOutputTokens`. */
  estimatedServerUsd: number;
  /** The part of that estimate no event will report a real cost for (the judge): kept as spent when settling. */
  unmeteredServerUsd: number;
}

/** Judge readings per comparison: the pair in both orders. */
const JUDGE_CALLS = 2;
const JUDGE_OUTPUT_TOKENS = 400;
/** The aggregate-and-synthesize prompt and reference numbering, in tokens, rounded up. */
const PROMPT_OVERHEAD_TOKENS = 200;


/** Counts calls by who pays for them, and their estimated cost on the server's keys. */
class UsageTally {
  private readonly sources = new Set<KeySource>();
  private readonly serverModels = new Set<string>();
  private estimatedServerUsd = 0;
  private unmeteredServerUsd = 0;
  private calls = 0;

  constructor(
    private readonly access: ModelAccess,
    private readonly getModel: GetModel,
  ) {}

  /** One call; `metered` when the engine reports its real cost, so the estimate can be settled. */
  count(modelId: string, inputTokens: number, outputTokens: number, metered: boolean): void {
    this.calls += 1;
    const source = modelKeySource(modelId, this.access);
    this.sources.add(source);
    if (source !== 'server' && source !== 'local') return;
    this.serverModels.add(modelId).add(currentModelId(modelId));
    const { info } = this.getModel(modelId);
    const usd = costOf(info, { inputTokens, outputTokens });
    this.estimatedServerUsd += usd;
    if (!metered) this.unmeteredServerUsd += usd;
  }

  result(): PlannedUsage {
    return {
      usageClass: usageClassOf(this.sources),
      calls: this.calls,
      serverModels: this.serverModels,
      estimatedServerUsd: this.estimatedServerUsd,
      unmeteredServerUsd: this.unmeteredServerUsd,
    };
  }
}

function countJudge(tally: UsageTally, judgeModel: string, inputTokens: number): void {
  for (let reading = 0; reading < JUDGE_CALLS; reading += 1) tally.count(judgeModel, inputTokens, JUDGE_OUTPUT_TOKENS, false);
}

/** Works out a run's class, model calls and cost on the server's keys, before it runs. */
export function planRunUsage(options: {
  config: MoaConfig;
  messages: ConversationMessage[];
  access: ModelAccess;
  getModel: GetModel;
  baselineModel?: string;
  judgeModel?: string;
}): PlannedUsage {
  const { config, messages, baselineModel, judgeModel } = options;
  const tally = new UsageTally(options.access, options.getModel);
  const conversationTokens = messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
  const agentInput = (agent: AgentSpec, references: number) =>
    conversationTokens + estimateTokens(agent.systemPrompt ?? '') + (references > 0 ? PROMPT_OVERHEAD_TOKENS + references : 0);

  let previousOutput = 0;
  for (const agents of everyLayer(config)) {
    for (const agent of agents) tally.count(agent.model, agentInput(agent, previousOutput), agent.maxOutputTokens, true);
    previousOutput = agents.reduce((sum, agent) => sum + agent.maxOutputTokens, 0);
  }
  if (baselineModel) tally.count(baselineModel, conversationTokens, config.aggregator.maxOutputTokens, true);
  if (judgeModel) countJudge(tally, judgeModel, conversationTokens + config.aggregator.maxOutputTokens * 2 + PROMPT_OVERHEAD_TOKENS);
  return tally.result();
}

/**
 * The usage of a judge call: `readings` readings (two for `/api/judge`, the pair in both orders; one for a grade) of
 * the question, the answers and any reference.
 */
export function planJudgeUsage(options: {
  judgeModel: string;
  /** The question and the answers it reads. */
  texts: string[];
  access: ModelAccess;
  getModel: GetModel;
  readings?: number;
}): PlannedUsage {
  const tally = new UsageTally(options.access, options.getModel);
  const textTokens = options.texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  for (let reading = 0; reading < (options.readings ?? JUDGE_CALLS); reading += 1) {
    tally.count(options.judgeModel, textTokens + PROMPT_OVERHEAD_TOKENS, JUDGE_OUTPUT_TOKENS, false);
  }
  return tally.result();
}

/** The usage of one model answering a conversation alone (an evaluation's single-model contestant). */
export function planSingleModelUsage(options: {
  model: string;
  maxOutputTokens: number;
  messages: ConversationMessage[];
  access: ModelAccess;
  getModel: GetModel;
}): PlannedUsage {
  const tally = new UsageTally(options.access, options.getModel);
  const conversationTokens = options.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
  tally.count(options.model, conversationTokens, options.maxOutputTokens, true);
  return tally.result();
}

/** Enforces the caps of the run's class, whatever the client sent: a 400 naming the first field over them. */
export function assertWithinUsageCaps(
  usageClass: UsageClass,
  config: MoaConfig,
  messages: ConversationMessage[],
  configField: string | undefined,
): void {
  const [problem] = usageCapProblems(usageClass, config, messages, configField);
  if (problem) throw new ApiError('invalid_request', `${problem.field}: ${problem.message}`, problem.field);
}
