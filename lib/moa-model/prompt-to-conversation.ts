import { InvalidPromptError, UnsupportedFunctionalityError, type LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { ConversationMessage } from '@/lib/protocol/moa-request';

/**
 * The AI SDK prompt as the engine's conversation: system, user and assistant turns of text. Files and tool calls
 * have no place in a MoA (its agents answer in text and call no tools), so they are refused rather than dropped;
 * an assistant turn's reasoning is the earlier answer's scratch work and is left out, as providers do.
 */
export function promptToConversation(prompt: LanguageModelV4Prompt): ConversationMessage[] {
  const conversation: ConversationMessage[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        conversation.push({ role: 'system', content: message.content });
        break;
      case 'user':
      case 'assistant': {
        const texts: string[] = [];
        for (const part of message.content) {
          if (part.type === 'text') texts.push(part.text);
          else if (part.type !== 'reasoning') {
            throw new UnsupportedFunctionalityError({ functionality: `${part.type} parts in ${message.role} messages` });
          }
        }
        conversation.push({ role: message.role, content: texts.join('\n') });
        break;
      }
      case 'tool':
        throw new UnsupportedFunctionalityError({ functionality: 'tool messages' });
    }
  }
  if (conversation.at(-1)?.role !== 'user') {
    throw new InvalidPromptError({ prompt, message: 'A MoA answers a user turn: the prompt must end with a user message.' });
  }
  return conversation;
}
