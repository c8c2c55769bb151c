import type { JSONObject } from '@ai-sdk/provider';
import type { AgentPart, SummaryPart } from '@/lib/protocol/run-parts';

/** What a MoA model reports about its run in `providerMetadata.moa`. */
export interface MoaRunMetadata {
  runId: string;
  preset?: string;
  summary: SummaryPart;
  /** Every agent as it ended (text left out: the answer is the model's output, the rest is not the caller's to read). */
  agents: Omit<AgentPart, 'text'>[];
}

/** A JSON object of plain data: drops `undefined` fields, as the provider metadata type asks. */
export function toJsonObject(value: object): JSONObject {
  return JSON.parse(JSON.stringify(value)) as JSONObject;
}

/** An agent's final part without its text. */
export function withoutText(agent: AgentPart): Omit<AgentPart, 'text'> {
  const { text: _text, ...rest } = agent;
  return rest;
}
