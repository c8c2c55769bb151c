import type { Judgment } from '@/lib/protocol/judge';

/** What a judge compares: the question and the two answers to it. */
export interface JudgeInput {
  /** The conversation's last user message. */
  question: string;
  moaAnswer: string;
  baselineAnswer: string;
}

/**
 * A judge bound to a model: what a comparison run calls once both answers are in. Declared here, beside the run that
 * calls it, so the engine does not depend on how a judge works (`lib/judge` builds one over a model).
 */
export interface Judge {
  model: string;
  simulated: boolean;
  judge(input: JudgeInput, signal?: AbortSignal): Promise<Judgment>;
}
