import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { JUDGE_PROMPT_MARKER } from '@/lib/judge/prompt';
import { estimateTokens } from '@/lib/tokens';

// What the simulator reads of a prompt: enough to seed its randomness, count the input, answer the question (and
// build on any answers quoted in the instructions) and tell the judge's prompt from any other.

export interface PromptSummary {
  /** Stable text of the whole prompt, for seeding. */
  fingerprint: string;
  tokenCount: number;
  latestUserMessage: string | undefined;
  /** The system instructions, where other answers are quoted when an agent is shown them. */
  system: string;
  /** The prompt is the pairwise judge's (`lib/judge/prompt.ts`): answer as a judge. */
  judging: boolean;
}

export function readPrompt(prompt: LanguageModelV4Prompt): PromptSummary {
  const messages = prompt.map((message) => ({ role: message.role, text: messageText(message) }));
  const latestUser = messages.findLast((message) => message.role === 'user');
  return {
    fingerprint: messages.map((message) => `${message.role}:${message.text}`).join('\u0000'),
    tokenCount: estimateTokens(messages.map((message) => message.text).join('')),
    latestUserMessage: latestUser?.text,
    system: messages
      .filter((message) => message.role === 'system')
      .map((message) => message.text)
      .join('\n'),
    judging: messages.some((message) => message.text.includes(JUDGE_PROMPT_MARKER)),
  };
}

function messageText(message: LanguageModelV4Prompt[number]): string {
  if (message.role === 'system') return message.content;
  return message.content.map((part) => (part.type === 'text' || part.type === 'reasoning' ? part.text : '')).join('');
}
