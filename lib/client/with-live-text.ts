import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import type { RunState } from './run-state';

/**
 * The conversation with the text its agents have streamed so far written into the last answer's agent parts.
 * Agent text streams as transient parts that the message never holds; a run saved with this and reloaded before
 * its end still shows what every agent had written, its status left as it was (so it draws as interrupted).
 */
export function withLiveText(messages: MoaUIMessage[], state: RunState): MoaUIMessage[] {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') return messages;
  let changed = false;
  const parts = last.parts.map((part) => {
    if (part.type !== 'data-agent' || part.data.text !== undefined) return part;
    const agent = state.agents[part.data.id];
    if (!agent?.liveText || agent.attempt !== part.data.attempt) return part;
    changed = true;
    return { ...part, data: { ...part.data, text: agent.liveText } };
  });
  return changed ? [...messages.slice(0, -1), { ...last, parts }] : messages;
}
