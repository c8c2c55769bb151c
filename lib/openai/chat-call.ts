import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';

/** One chat-completions call over a MoA model: the model, the call's options, and how the answer is labelled. */
export interface ChatCall {
  model: LanguageModelV4;
  /** Everything but the abort signal, which the wire adds (the client's disconnect). */
  callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'>;
  /** The `model` the client asked for, echoed in every answer. */
  modelName: string;
  requestSignal: AbortSignal;
  headers?: HeadersInit;
}
