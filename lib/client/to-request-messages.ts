import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import type { ConversationMessage } from '@/lib/protocol/moa-request';

/**
 * The conversation as `POST /api/moa` takes it: user turns, and each earlier run's final answer as the assistant
 * turn (the paper's multi-turn setup). Runs that produced no answer are left out together with their question.
 */
export function toRequestMessages(messages: MoaUIMessage[]): ConversationMessage[] {
  const conversation: ConversationMessage[] = [];
  for (const message of messages) {
    const texts = message.parts.filter((part) => part.type === 'text').map((part) => part.text);
    const content = message.role === 'assistant' ? (texts.at(-1) ?? '') : texts.join('\n');
    if (content.trim().length === 0) {
      if (message.role === 'assistant' && conversation.at(-1)?.role === 'user') conversation.pop();
      continue;
    }
    conversation.push({ role: message.role, content });
  }
  return conversation;
}
