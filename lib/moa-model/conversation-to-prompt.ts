import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { ConversationMessage } from '@/lib/protocol/moa-request';

/** A conversation as the AI SDK prompt a MoA model takes (the inverse of `promptToConversation`). */
export function conversationToPrompt(messages: ConversationMessage[]): LanguageModelV4Prompt {
  return messages.map((message) =>
    message.role === 'system'
      ? { role: 'system', content: message.content }
      : { role: message.role, content: [{ type: 'text', text: message.content }] },
  );
}
