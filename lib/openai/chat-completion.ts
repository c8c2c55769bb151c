import type { ChatCall } from './chat-call';
import { chatFinishReasonOf, chatUsageOf, completionIdentity, type ChatCompletion } from './chat-response';

/** Runs a MoA model to its end and answers one `chat.completion`; a run without an answer throws. */
export async function chatCompletion(options: ChatCall): Promise<Response> {
  const startedAt = Date.now();
  const result = await options.model.doGenerate({ ...options.callOptions, abortSignal: options.requestSignal });
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  const completion: ChatCompletion = {
    ...completionIdentity(result.response?.id ?? crypto.randomUUID(), options.modelName, startedAt),
    object: 'chat.completion',
    choices: [
      { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: chatFinishReasonOf(result.finishReason) },
    ],
    usage: chatUsageOf(result.usage, result.providerMetadata),
  };
  return Response.json(completion, { headers: { 'Cache-Control': 'no-store', ...Object.fromEntries(new Headers(options.headers).entries()) } });
}
