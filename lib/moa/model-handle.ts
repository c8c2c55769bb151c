import type { LanguageModelV4 } from '@ai-sdk/provider';

/** What the engine needs to know about a model besides calling it. */
export interface ModelInfo {
  id: string;
  displayName: string;
  provider: string;
  simulated: boolean;
  /** US dollars per million tokens. */
  inputPricePerMillion: number;
  outputPricePerMillion: number;
}

export interface ModelHandle {
  model: LanguageModelV4;
  info: ModelInfo;
}

/** The one seam through which the engine gets models. Throws for an id it cannot resolve. */
export type GetModel = (modelId: string) => ModelHandle;

export function costOf(info: ModelInfo, usage: { inputTokens: number; outputTokens: number }): number {
  return (usage.inputTokens * info.inputPricePerMillion + usage.outputTokens * info.outputPricePerMillion) / 1_000_000;
}
