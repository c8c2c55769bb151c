import type { MoaConfig } from '@/lib/protocol/moa-config';
import type { ConversationMessage } from '@/lib/protocol/moa-request';
import type { RunAgentInfo } from '@/lib/protocol/run-parts';
import type { PlannedAgent } from './config';
import type { GetModel } from './model-handle';
import type { RetryPolicy } from './run-agent';
import type { TextMessage } from './model-prompt';

// What runMoA and runComparison both do before an agent runs: its retry policy, the conversation it reads, and what
// the run's first event says of it.

/**
 * The retry policy of one agent of a run. An agent whose answer is its side's only one (the aggregator, a
 * comparison's baseline) also gets one retry after an error that is not retryable in itself.
 */
export function retryPolicy(
  options: { config: Pick<MoaConfig, 'maxRetries'>; retryDelays?: { baseMs: number; maxMs: number } },
  retryAnyErrorOnce: boolean,
): RetryPolicy {
  return {
    maxRetries: options.config.maxRetries,
    baseDelayMs: options.retryDelays?.baseMs ?? 500,
    maxDelayMs: options.retryDelays?.maxMs ?? 8_000,
    retryAnyErrorOnce,
  };
}

/** Leading and other system messages become one system prompt (AI SDK 7 takes it as `instructions`). */
export function splitConversation(messages: ConversationMessage[]): { system?: string; messages: TextMessage[] } {
  const system: string[] = [];
  const rest: TextMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') system.push(message.content);
    else rest.push({ role: message.role, content: message.content });
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: rest };
}

/** What `data-run` says of an agent: its place, role and model. */
export function describeAgent(agent: PlannedAgent, getModel: GetModel): RunAgentInfo {
  const info = tryModelInfo(getModel, agent.spec.model);
  return {
    id: agent.id,
    layer: agent.layer,
    role: agent.role,
    model: agent.spec.model,
    displayName: info?.displayName ?? agent.spec.model,
    provider: info?.provider ?? agent.spec.model.split(':')[0] ?? 'unknown',
    simulated: info?.simulated ?? false,
  };
}

function tryModelInfo(getModel: GetModel, modelId: string) {
  try {
    return getModel(modelId).info;
  } catch {
    return undefined;
  }
}
