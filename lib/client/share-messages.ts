import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import type { SharedMessage } from '@/lib/protocol/share';
import type { VoteChoice } from '@/lib/protocol/vote';

const keptPartTypes = new Set(['text', 'data-run', 'data-agent', 'data-layer', 'data-summary', 'data-judge', 'data-receipt']);

/**
 * The conversation as a share holds it: the user's questions, and of each answer only the run's data parts and
 * its text. Message ids, transient parts and anything else stay behind. A comparison keeps its receipt, so that a
 * visitor may cast its one vote if nobody has; and whether the sharer had revealed the sides: a blind comparison
 * shared unrevealed stays blind for each visitor until that visitor votes or reveals.
 */
export function toSharedMessages(
  messages: MoaUIMessage[],
  comparisons: Record<string, { vote?: VoteChoice; revealed?: boolean }> = {},
): SharedMessage[] {
  const shared: SharedMessage[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      const text = message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
      if (text.trim().length > 0) shared.push({ role: 'user', text });
    } else if (message.role === 'assistant') {
      const parts = message.parts
        .filter((part) => keptPartTypes.has(part.type))
        .map((part) => (part.type === 'text' ? { type: 'text' as const, text: part.text } : part)) as Extract<
        SharedMessage,
        { role: 'assistant' }
      >['parts'];
      const run = parts.find((part) => part.type === 'data-run')?.data;
      const remembered = run?.baseline ? comparisons[run.runId] : undefined;
      const comparison = run?.baseline
        ? { revealed: remembered?.revealed === true || remembered?.vote !== undefined, ...(remembered?.vote ? { vote: remembered.vote } : {}) }
        : undefined;
      shared.push({ role: 'assistant', parts, ...(comparison ? { comparison } : {}) });
    }
  }
  return shared;
}

/**
 * A shared conversation as chat messages again, for the same views and for "continue this conversation". Ids count
 * from `firstIndex`, the position of the first of `messages` in the whole conversation.
 */
export function fromSharedMessages(messages: SharedMessage[], idPrefix: string, firstIndex = 0): MoaUIMessage[] {
  return messages.map((message, offset) => {
    const id = `${idPrefix}-${firstIndex + offset}`;
    return message.role === 'user'
      ? { id, role: 'user', parts: [{ type: 'text', text: message.text }] }
      : { id, role: 'assistant', parts: message.parts as MoaUIMessage['parts'] };
  });
}

/** What a share would make public, counted for the confirmation: questions, answers, agents' outputs, comparisons. */
export function publicContents(shared: SharedMessage[]): { questions: number; answers: number; agentOutputs: number; comparisons: number; blind: number } {
  let answers = 0;
  let agentOutputs = 0;
  let comparisons = 0;
  let blind = 0;
  for (const message of shared) {
    if (message.role !== 'assistant') continue;
    answers += 1;
    agentOutputs += new Set(message.parts.flatMap((part) => (part.type === 'data-agent' ? [part.id] : []))).size;
    if (message.comparison) {
      comparisons += 1;
      if (!message.comparison.revealed) blind += 1;
    }
  }
  return { questions: shared.filter((message) => message.role === 'user').length, answers, agentOutputs, comparisons, blind };
}
