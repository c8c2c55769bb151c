import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** A turn of the conversation as the engine passes it to models: plain text, the user's or an earlier answer. */
export interface TextMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The prompt of one model call, exactly as the AI SDK builds it from `instructions` and string messages: the system
 * text first (when there is one), then every turn as a single text part.
 */
export function toModelPrompt(instructions: string | undefined, messages: readonly TextMessage[]): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Prompt = instructions === undefined ? [] : [{ role: 'system', content: instructions }];
  for (const message of messages) prompt.push({ role: message.role, content: [{ type: 'text', text: message.content }] });
  return prompt;
}
