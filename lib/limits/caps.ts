import { agentCount, CAPS, type MoaConfig, type MoaConfigInput } from '@/lib/protocol/moa-config';
import type { KeySource } from '@/lib/protocol/catalog';
import { REQUEST_LIMITS } from '@/lib/protocol/moa-request';
import { USAGE_CLASS_WORDS, type UsageClass } from './config';

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

/** A run's class is the most expensive source among its models: a server key or local server, then an own key. */
export function usageClassOf(sources: Iterable<KeySource>): UsageClass {
  const seen = new Set(sources);
  if (seen.has('server') || seen.has('local')) return 'server';
  return seen.has('byo') ? 'byo' : 'simulated';
}

export interface CapProblem {
  field: string;
  message: string;
}

/**
 * Every cap of the run's class the request goes over, each naming its field, with a message that says when the
 * caller's own key would lift it. `configField` prefixes config fields (`config` in a request body, nothing in the
 * settings panel); `undefined` means a preset, the server's own choice, named as such.
 */
export function usageCapProblems(
  usageClass: UsageClass,
  config: MoaConfig | MoaConfigInput,
  messages: { content: string }[],
  configField: string | undefined,
): CapProblem[] {
  const caps = USAGE_CAPS[usageClass];
  const wider = usageClass === 'server' ? USAGE_CAPS.byo : undefined;
  const problems: CapProblem[] = [];
  const add = (field: string, what: string, limit: keyof UsageCaps) => {
    const lift = wider && wider[limit] > caps[limit] ? ` Add your own API key to go up to ${wider[limit]}.` : '';
    problems.push({ field, message: `${what}: more than the ${caps[limit]} allowed ${USAGE_CLASS_WORDS[usageClass]}.${lift}` });
  };
  const configPath = (path: string) =>
    configField === undefined ? `preset (${path})` : configField ? `${configField}.${path}` : path;

  if (messages.length > caps.messages) add('messages', `${messages.length} messages`, 'messages');
  let conversationChars = 0;
  for (const [index, message] of messages.entries()) {
    conversationChars += message.content.length;
    if (message.content.length > caps.messageChars) add(`messages.${index}.content`, `${message.content.length} characters`, 'messageChars');
  }
  if (conversationChars > caps.conversationChars) add('messages', `${conversationChars} characters in all`, 'conversationChars');

  if (config.layers.length > caps.proposerLayers) add(configPath('layers'), `${config.layers.length} proposer layers`, 'proposerLayers');
  for (const [layerIndex, layer] of config.layers.entries()) {
    if (layer.agents.length > caps.agentsPerLayer) add(configPath(`layers.${layerIndex}.agents`), `${layer.agents.length} agents`, 'agentsPerLayer');
    for (const [agentIndex, agent] of layer.agents.entries()) {
      const tokens = agent.maxOutputTokens ?? 0;
      if (tokens > caps.maxOutputTokens) {
        add(configPath(`layers.${layerIndex}.agents.${agentIndex}.maxOutputTokens`), `${tokens} tokens`, 'maxOutputTokens');
      }
    }
  }
  const aggregatorTokens = config.aggregator.maxOutputTokens ?? 0;
  if (aggregatorTokens > caps.maxOutputTokens) add(configPath('aggregator.maxOutputTokens'), `${aggregatorTokens} tokens`, 'maxOutputTokens');
  const total = agentCount(config);
  if (total > caps.totalAgents) add(configPath('layers'), `${total} agents in all`, 'totalAgents');
  return problems;
}
