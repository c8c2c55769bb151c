import { CAPS, type AgentSpec, type MoaConfig } from '@/lib/moa/config';
import type { GetModel } from '@/lib/moa/model-handle';
import { currentModelId } from '@/lib/models/catalog';
import { modelKeySource, type ModelAccess } from '@/lib/models/registry';
import { ApiError } from '@/lib/protocol/api-error';
import { REQUEST_LIMITS, type ConversationMessage } from '@/lib/protocol/moa-request';
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

/** Caps that depend on who pays; the schemas in `lib/moa/config` and `lib/protocol/moa-request` hold the widest. */
export interface UsageCaps {
  proposerLayers: number;
  agentsPerLayer: number;
  totalAgents: number;
  maxOutputTokens: number;
  messages: number;
  messageChars: number;
  conversationChars: number;
}

const WIDEST: UsageCaps = {
  proposerLayers: CAPS.proposerLayers,
  agentsPerLayer: CAPS.agentsPerLayer,
  totalAgents: CAPS.totalAgents,
  maxOutputTokens: CAPS.maxOutputTokens,
  messages: REQUEST_LIMITS.messages,
  messageChars: REQUEST_LIMITS.messageChars,
  conversationChars: 400_000,
};

/**
 * On the server's keys a run may be as wide as the paper's MoA (6 proposers a layer) and at most three proposer
 * layers deep: the operator pays for it. Own keys, local models and the simulator get the schema's caps.
 */
export const USAGE_CAPS: Record<UsageClass, UsageCaps> = {
  server: {
    proposerLayers: 3,
    agentsPerLayer: 6,
    totalAgents: 19,
    maxOutputTokens: 1_024,
    messages: 40,
    messageChars: 16_000,
    conversationChars: 64_000,
  },
  byo: WIDEST,
  simulated: WIDEST,
};

/** Judge readings per comparison: the pair in both orders. */
const JUDGE_CALLS = 2;
const JUDGE_OUTPUT_TOKENS = 400;
/** The aggregate-and-synthesize prompt and reference numbering, in tokens, rounded up. */
const PROMPT_OVERHEAD_TOKENS = 200;

const tokensOf = (chars: number) => Math.ceil(chars / 4);

/** Counts calls by who pays for them, and their estimated cost on the server's keys. */
class UsageTally {
  private readonly classes = new Set<UsageClass>();
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
    this.classes.add(source === 'byo' ? 'byo' : source === 'simulator' ? 'simulated' : 'server');
    if (source !== 'server' && source !== 'local') return;
    this.serverModels.add(modelId).add(currentModelId(modelId));
    const { info } = this.getModel(modelId);
    const usd = (inputTokens * info.inputPricePerMillion + outputTokens * info.outputPricePerMillion) / 1_000_000;
    this.estimatedServerUsd += usd;
    if (!metered) this.unmeteredServerUsd += usd;
  }

  /** The class is the most expensive source among the calls: a server key or local server, then an own key. */
  result(): PlannedUsage {
    const usageClass: UsageClass = this.classes.has('server') ? 'server' : this.classes.has('byo') ? 'byo' : 'simulated';
    return {
      usageClass,
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
  const conversationTokens = tokensOf(messages.reduce((sum, message) => sum + message.content.length, 0));
  const agentInput = (agent: AgentSpec, references: number) =>
    conversationTokens + tokensOf(agent.systemPrompt?.length ?? 0) + (references > 0 ? PROMPT_OVERHEAD_TOKENS + references : 0);

  let previousOutput = 0;
  for (const layer of [...config.layers, { agents: [config.aggregator] }]) {
    for (const agent of layer.agents) tally.count(agent.model, agentInput(agent, previousOutput), agent.maxOutputTokens, true);
    previousOutput = layer.agents.reduce((sum, agent) => sum + agent.maxOutputTokens, 0);
  }
  if (baselineModel) tally.count(baselineModel, conversationTokens, config.aggregator.maxOutputTokens, true);
  if (judgeModel) countJudge(tally, judgeModel, conversationTokens + config.aggregator.maxOutputTokens * 2 + PROMPT_OVERHEAD_TOKENS);
  return tally.result();
}

/** The usage of one `/api/judge` call: two readings of the question and both answers. */
export function planJudgeUsage(options: {
  judgeModel: string;
  textChars: number;
  access: ModelAccess;
  getModel: GetModel;
}): PlannedUsage {
  const tally = new UsageTally(options.access, options.getModel);
  countJudge(tally, options.judgeModel, tokensOf(options.textChars) + PROMPT_OVERHEAD_TOKENS);
  return tally.result();
}

const WHO_PAYS: Record<UsageClass, string> = {
  server: "on this server's keys",
  byo: 'on your own keys',
  simulated: 'with simulated models',
};

/**
 * Enforces the caps of the run's class, whatever the client sent, naming the first field over them. The message
 * says when the caller's own key would lift the cap.
 */
export function assertWithinUsageCaps(
  usageClass: UsageClass,
  config: MoaConfig,
  messages: ConversationMessage[],
  configField: string | undefined,
): void {
  const caps = USAGE_CAPS[usageClass];
  const wider = usageClass === 'server' ? USAGE_CAPS.byo : undefined;
  const fail = (field: string, what: string, limit: keyof UsageCaps): never => {
    const lift = wider && wider[limit] > caps[limit] ? ` Add your own API key to go up to ${wider[limit]}.` : '';
    throw new ApiError('invalid_request', `${field}: ${what}; the limit ${WHO_PAYS[usageClass]} is ${caps[limit]}.${lift}`, field);
  };
  // A preset's config is the server's own choice; only a config the client sent names fields in the body.
  const configPath = (path: string) => (configField ? `${configField}.${path}` : `preset (${path})`);

  if (messages.length > caps.messages) fail('messages', `${messages.length} messages`, 'messages');
  let conversationChars = 0;
  for (const [index, message] of messages.entries()) {
    conversationChars += message.content.length;
    if (message.content.length > caps.messageChars) {
      fail(`messages.${index}.content`, `${message.content.length} characters`, 'messageChars');
    }
  }
  if (conversationChars > caps.conversationChars) fail('messages', `${conversationChars} characters in all`, 'conversationChars');

  if (config.layers.length > caps.proposerLayers) fail(configPath('layers'), `${config.layers.length} proposer layers`, 'proposerLayers');
  let total = 1;
  for (const [layerIndex, layer] of config.layers.entries()) {
    total += layer.agents.length;
    if (layer.agents.length > caps.agentsPerLayer) {
      fail(configPath(`layers.${layerIndex}.agents`), `${layer.agents.length} agents`, 'agentsPerLayer');
    }
    for (const [agentIndex, agent] of layer.agents.entries()) {
      if (agent.maxOutputTokens > caps.maxOutputTokens) {
        fail(configPath(`layers.${layerIndex}.agents.${agentIndex}.maxOutputTokens`), `${agent.maxOutputTokens} tokens`, 'maxOutputTokens');
      }
    }
  }
  if (config.aggregator.maxOutputTokens > caps.maxOutputTokens) {
    fail(configPath('aggregator.maxOutputTokens'), `${config.aggregator.maxOutputTokens} tokens`, 'maxOutputTokens');
  }
  if (total > caps.totalAgents) fail(configPath('layers'), `${total} agents in all`, 'totalAgents');
}
